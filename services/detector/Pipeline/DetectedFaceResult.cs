using Identities.Detector.Detection;
using Identities.Detector.Landmarks;
using Identities.Detector.Quality;

namespace Identities.Detector.Pipeline;

/// <summary>One face found: box, score, five landmarks, quality and (unless omitted) the aligned RGB crop.</summary>
public sealed record DetectedFaceResult(BoxF Box, float Score, PointF[] Landmarks, FaceQuality Quality, byte[]? AlignedRgb);
