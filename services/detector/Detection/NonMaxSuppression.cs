namespace Identities.Detector.Detection;

/// <summary>
/// Greedy non-maximum suppression: keep the highest-scoring box, drop every box overlapping it by more
/// than the IoU threshold (or lying mostly inside it), repeat. Returns the kept boxes, best first.
/// </summary>
public static class NonMaxSuppression
{
    /// <param name="containmentThreshold">Also drop a box when this share of the smaller box lies inside a kept one (1 disables).</param>
    public static List<FaceCandidate> Apply(IEnumerable<FaceCandidate> candidates, float iouThreshold, float containmentThreshold = 1f)
    {
        var sorted = candidates.OrderByDescending(c => c.Score).ToList();
        var kept = new List<FaceCandidate>();
        foreach (var candidate in sorted)
        {
            var suppressed = kept.Exists(k =>
                k.Box.IntersectionOverUnion(candidate.Box) > iouThreshold ||
                k.Box.IntersectionOverSmaller(candidate.Box) > containmentThreshold);
            if (!suppressed)
            {
                kept.Add(candidate);
            }
        }
        return kept;
    }
}
