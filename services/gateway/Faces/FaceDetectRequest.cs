namespace Identities.Gateway.Faces;

public sealed record FaceDetectRequest(byte[]? Image);
