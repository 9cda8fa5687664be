namespace Identities.Detector.Detection;

/// <summary>
/// A merged candidate and what became of it: <see cref="ConfirmationScore"/> is the best score of its second look
/// (NaN when it needed none: sure, or seen large and still unsure); only <see cref="Kept"/> candidates are answered as faces.
/// </summary>
public readonly record struct ScoredCandidate(FaceCandidate Candidate, float ConfirmationScore, bool Kept);
