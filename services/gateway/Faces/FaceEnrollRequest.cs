namespace Identities.Gateway.Faces;

/// <summary>Body of POST /api/v1/faces/faceEnroll.</summary>
public sealed record FaceEnrollRequest(byte[]? FaceImage, string? PhotoReferenceId);
