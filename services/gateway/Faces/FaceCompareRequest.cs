namespace Identities.Gateway.Faces;

/// <summary>Body of POST /api/v1/faces/faceCompare. An image may still arrive null: JsonBody.Required answers missing_field.</summary>
public sealed record FaceCompareRequest(byte[] Image1, byte[] Image2);
