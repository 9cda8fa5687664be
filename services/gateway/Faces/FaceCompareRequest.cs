namespace Identities.Gateway.Faces;

public sealed record FaceCompareRequest(byte[]? Image1, byte[]? Image2);
