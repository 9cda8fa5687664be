namespace Identities.Detector.Detection;

/// <summary>A box the detection model proposed, with its score.</summary>
public readonly record struct FaceCandidate(BoxF Box, float Score);
