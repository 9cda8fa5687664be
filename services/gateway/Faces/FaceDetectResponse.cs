using System.ComponentModel;

namespace Identities.Gateway.Faces;

public sealed record FaceDetectResponse([property: Description("Every face found, highest detection score first; empty when there is none.")] IReadOnlyList<FaceDetection> Detections);
