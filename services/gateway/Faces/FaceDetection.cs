using System.ComponentModel;

namespace Identities.Gateway.Faces;

/// <summary>
/// One detected face. faceId, personId, confidence, quality and boundingBox are the contract's;
/// matchConfidence, matchedFaceId and landmarks are additions.
/// </summary>
public sealed record FaceDetection(
    [property: Description("An id for this detection.")] string FaceId,
    [property: Description("The enrolled person the face matches; null when it matches nobody.")] string? PersonId,
    [property: Description("Detection confidence 0..1.")] double Confidence,
    [property: Description("Face quality for recognition 0..1 (docs/QUALITY.md).")] double Quality,
    [property: Description("Where the face is, in image pixels.")] BoundingBox BoundingBox,
    [property: Description("How close the match is, 0..1 (faceCompare's scale); null without a match.")] double? MatchConfidence,
    [property: Description("The enrolled face that matched; null without a match.")] string? MatchedFaceId,
    [property: Description("Eye centres, nose tip and mouth corners in image pixels.")] IReadOnlyList<LandmarkPoint> Landmarks);
