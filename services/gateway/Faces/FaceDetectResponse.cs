namespace Identities.Gateway.Faces;

public sealed record FaceDetectResponse(IReadOnlyList<FaceDetection> Detections);
