namespace Identities.DetectionBenchmarks;

/// <summary>How one photo's boxes met its faces: true boxes (with the face they found), false boxes, and judged faces missed.</summary>
internal sealed record PhotoMatch(
    IReadOnlyList<(Detection Box, TruthBox Face)> True,
    IReadOnlyList<Detection> False,
    IReadOnlyList<TruthBox> Missed,
    int Ignored);
