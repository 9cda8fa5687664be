namespace Identities.Client;

/// <summary>Whether two faces are the same person.</summary>
public sealed class FaceCompareResponse
{
    /// <summary>True when <see cref="Confidence"/> reaches the service's <see cref="Threshold"/>.</summary>
    public bool Match { get; init; }

    /// <summary>Similarity on a 0..1 scale.</summary>
    public double Confidence { get; init; }

    /// <summary>The confidence from which two faces count as one person.</summary>
    public double Threshold { get; init; }

    /// <summary>The cosine similarity of the two embeddings, -1..1.</summary>
    public double Cosine { get; init; }
}
