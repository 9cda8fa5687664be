namespace Identities.Client;

/// <summary>One detected face and whom it matches.</summary>
public sealed class FaceDetection
{
    /// <summary>An id for this detection.</summary>
    public Guid FaceId { get; init; }

    /// <summary>The enrolled person the face matches; null when it matches nobody.</summary>
    public Guid? PersonId { get; init; }

    /// <summary>Detection confidence, 0..1.</summary>
    public double Confidence { get; init; }

    /// <summary>Face quality for recognition, 0..1.</summary>
    public double Quality { get; init; }

    /// <summary>Where the face is, in image pixels.</summary>
    public BoundingBox BoundingBox { get; init; } = new();

    /// <summary>How close the match is, 0..1 (the scale of faceCompare's confidence); null without a match.</summary>
    public double? MatchConfidence { get; init; }

    /// <summary>The enrolled face that matched; null without a match.</summary>
    public Guid? MatchedFaceId { get; init; }

    /// <summary>Eyes, nose tip and mouth corners in image pixels.</summary>
    public IReadOnlyList<LandmarkPoint> Landmarks { get; init; } = [];
}
