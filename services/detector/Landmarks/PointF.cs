namespace Identities.Detector.Landmarks;

/// <summary>A sub-pixel image point.</summary>
public readonly record struct PointF(float X, float Y);
