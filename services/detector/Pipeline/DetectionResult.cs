namespace Identities.Detector.Pipeline;

/// <summary>Every face in one image, best detection score first, and the decoded image's size.</summary>
public sealed record DetectionResult(int ImageWidth, int ImageHeight, IReadOnlyList<DetectedFaceResult> Faces);
