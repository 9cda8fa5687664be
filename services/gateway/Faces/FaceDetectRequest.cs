namespace Identities.Gateway.Faces;

/// <summary>Body of POST /api/v1/faces/faceDetect. Image may still arrive null: JsonBody.Required answers missing_field.</summary>
public sealed record FaceDetectRequest(byte[] Image);
