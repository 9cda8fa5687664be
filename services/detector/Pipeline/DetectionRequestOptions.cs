namespace Identities.Detector.Pipeline;

/// <summary>Per-request choices: 0 or null means the configured default.</summary>
public sealed record DetectionRequestOptions(float MinScore = 0, int MaxFaces = 0, bool OmitCrops = false);
