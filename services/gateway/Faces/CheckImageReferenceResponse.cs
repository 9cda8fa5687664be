namespace Identities.Gateway.Faces;

public sealed record CheckImageReferenceResponse(bool Exists, string? FaceId, string? DetectId);
