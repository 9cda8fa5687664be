namespace Identities.Detector.Quality;

/// <summary>Quality score 0..1 and its parts, each 0..1 (docs/QUALITY.md).</summary>
public sealed record FaceQuality(
    float Score, float Detection, float Size, float Sharpness, float Frontalness, float Exposure, float InterOcularDistance);
