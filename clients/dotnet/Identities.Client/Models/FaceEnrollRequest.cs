namespace Identities.Client;

/// <summary>Body of faceEnroll: the photo to enroll and, optionally, the caller's reference for it.</summary>
public sealed class FaceEnrollRequest
{
    /// <summary>The photo (JPEG, PNG, BMP or WebP) as its file bytes; it must show one clear face.</summary>
    public byte[] FaceImage { get; set; } = [];

    /// <summary>The caller's id for the photo (1..256 printable characters), unique across the service; <see cref="IdentityDbSdk.CheckImageReferenceAsync"/> finds it.</summary>
    public string? PhotoReferenceId { get; set; }
}
