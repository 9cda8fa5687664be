namespace Identities.Gateway.Faces;

/// <summary>
/// One detected face. faceId, personId, confidence, quality and boundingBox are the contract's;
/// matchConfidence, matchedFaceId and landmarks are additions.
/// </summary>
public sealed record FaceDetection(
    string FaceId,
    string? PersonId,
    double Confidence,
    double Quality,
    BoundingBox BoundingBox,
    double? MatchConfidence,
    string? MatchedFaceId,
    IReadOnlyList<LandmarkPoint> Landmarks);
