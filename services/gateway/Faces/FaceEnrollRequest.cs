namespace Identities.Gateway.Faces;

/// <summary>Body of POST /api/v1/faces/faceEnroll. FaceImage may still arrive null: JsonBody.Required answers missing_field.</summary>
public sealed record FaceEnrollRequest(byte[] FaceImage, string? PhotoReferenceId = null);
