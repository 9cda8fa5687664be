using System.ComponentModel;

namespace Identities.Gateway.Faces;

/// <summary>Body of POST /api/v1/faces/faceEnroll. FaceImage may still arrive null: JsonBody.Required answers missing_field.</summary>
public sealed record FaceEnrollRequest(
    [property: Description("The photo (JPEG, PNG, BMP or WebP), base64; it must show one clear face.")] byte[] FaceImage,
    [property: Description("The caller's id for the photo, 1..256 printable characters, unique across the service (checkImageReference finds it).")] string? PhotoReferenceId = null);
