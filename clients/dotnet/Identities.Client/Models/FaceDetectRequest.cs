namespace Identities.Client;

/// <summary>Body of faceDetect.</summary>
public sealed class FaceDetectRequest
{
    /// <summary>The image (JPEG, PNG, BMP or WebP) as its file bytes.</summary>
    public byte[] Image { get; set; } = [];
}
