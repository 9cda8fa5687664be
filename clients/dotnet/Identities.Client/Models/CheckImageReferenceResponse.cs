namespace Identities.Client;

/// <summary>Whether a photo reference is enrolled.</summary>
public sealed class CheckImageReferenceResponse
{
    /// <summary>True when a face holds the reference.</summary>
    public bool Exists { get; init; }

    /// <summary>The face holding it; null when it does not exist.</summary>
    public Guid? FaceId { get; init; }

    /// <summary>The detection that produced the face; null when it does not exist.</summary>
    public string? DetectId { get; init; }
}
