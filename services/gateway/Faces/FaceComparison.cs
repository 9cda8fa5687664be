namespace Identities.Gateway.Faces;

/// <summary>
/// faceCompare's verdict from two L2-normalised embeddings: cosine, confidence on the match scale, match at the
/// threshold. A seam of its own so that the stack benchmark's in-process pipeline decides exactly as the gateway does.
/// </summary>
public static class FaceComparison
{
    public static FaceCompareResponse FromEmbeddings(IReadOnlyList<float> a, IReadOnlyList<float> b, double threshold)
    {
        var cosine = 0.0;
        for (var i = 0; i < a.Count; i++)
        {
            cosine += a[i] * b[i];
        }
        var confidence = MatchConfidence.FromCosine(cosine);
        return new FaceCompareResponse(confidence >= threshold, Math.Round(confidence, 4), threshold, Math.Round(cosine, 4));
    }
}
