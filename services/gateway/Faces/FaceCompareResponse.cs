using System.ComponentModel;

namespace Identities.Gateway.Faces;

/// <summary>match = confidence >= the configured threshold; threshold and cosine are additions.</summary>
public sealed record FaceCompareResponse(
    [property: Description("True when confidence reaches threshold.")] bool Match,
    [property: Description("Similarity 0..1: (1 + cosine) / 2.")] double Confidence,
    [property: Description("The confidence from which two faces are one person.")] double Threshold,
    [property: Description("Cosine similarity of the two embeddings, -1..1.")] double Cosine);
