namespace Identities.Detector.Detection;

/// <summary>
/// A box the detection model proposed, with its score, the tile level of the pass that found it (0: whole image)
/// and its height as that pass saw it, in the model's input pixels.
/// </summary>
public readonly record struct FaceCandidate(BoxF Box, float Score, int Level = 0, float SeenHeight = 0);
