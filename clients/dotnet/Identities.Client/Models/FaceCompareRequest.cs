namespace Identities.Client;

/// <summary>Body of faceCompare: two images whose largest faces are compared.</summary>
public sealed class FaceCompareRequest
{
    /// <summary>The first image as its file bytes.</summary>
    public byte[] Image1 { get; set; } = [];

    /// <summary>The second image as its file bytes.</summary>
    public byte[] Image2 { get; set; } = [];
}
