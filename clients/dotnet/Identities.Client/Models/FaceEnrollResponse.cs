namespace Identities.Client;

/// <summary>What faceEnroll created.</summary>
public sealed class FaceEnrollResponse
{
    /// <summary>The person the face belongs to: new, or the one given as personId.</summary>
    public Guid PersonId { get; init; }

    /// <summary>The enrolled face.</summary>
    public Guid FaceId { get; init; }
}
