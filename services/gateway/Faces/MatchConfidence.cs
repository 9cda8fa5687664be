namespace Identities.Gateway.Faces;

/// <summary>
/// Confidence 0..1 from the cosine of two L2-normalised embeddings: (1 + cosine) / 2, the same scale as
/// Redis VSIM scores. Linear, so thresholds translate exactly: cosine 0.40 is confidence 0.70.
/// </summary>
public static class MatchConfidence
{
    public static double FromCosine(double cosine) => Math.Clamp((1 + cosine) / 2, 0, 1);

    public static double ToCosine(double confidence) => (2 * confidence) - 1;
}
