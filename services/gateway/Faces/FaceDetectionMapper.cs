using Identities.Detector.V1;
using Identities.Registry.V1;

namespace Identities.Gateway.Faces;

/// <summary>
/// One detected face and its best match as faceDetect answers it. A seam of its own so that the stack benchmark's
/// in-process pipeline answers exactly as the gateway does.
/// </summary>
public static class FaceDetectionMapper
{
    public static FaceDetection ToDetection(DetectedFace face, Match? best) => new(
        Guid.CreateVersion7().ToString(),
        best?.PersonId,
        Math.Round(face.Score, 4),
        Math.Round(face.Quality.Score, 4),
        new BoundingBox((int)Math.Round(face.Box.X), (int)Math.Round(face.Box.Y), (int)Math.Round(face.Box.Width), (int)Math.Round(face.Box.Height)),
        best is null ? null : Math.Round(MatchConfidence.FromCosine(best.Score), 4),
        best?.FaceId,
        [.. face.Landmarks.Select(p => new LandmarkPoint(p.X, p.Y))]);
}
