namespace Identities.Client;

/// <summary>An enrolled face (its embedding stays in the service).</summary>
public sealed class Face
{
    /// <summary>The face's id.</summary>
    public Guid FaceId { get; init; }

    /// <summary>The person it belongs to.</summary>
    public Guid PersonId { get; init; }

    /// <summary>The embedding model its vector came from.</summary>
    public string ModelId { get; init; } = "";

    /// <summary>Where the face was in its photo, in pixels.</summary>
    public FaceBox Box { get; init; } = new();

    /// <summary>Quality score 0..1 at enrollment.</summary>
    public double Quality { get; init; }

    /// <summary>The photo reference given at enrollment; empty when none was.</summary>
    public string PhotoReferenceId { get; init; } = "";

    /// <summary>The detection that produced the face.</summary>
    public string DetectId { get; init; } = "";

    /// <summary>When the face was enrolled.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}
