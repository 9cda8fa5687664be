using System.Buffers;
using Identities.Detector.Alignment;
using Identities.Detector.Detection;
using Identities.Detector.Imaging;
using Identities.Detector.Landmarks;
using Identities.Detector.Quality;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Identities.Detector.Pipeline;

/// <summary>Decode, find faces (whole image, then tiles for large ones), landmarks, align, score quality.</summary>
public sealed class FaceDetectionPipeline(
    ImageDecoder decoder, DetectorModels models, IOptions<DetectorOptions> options, DetectorMetrics metrics)
{
    // Boxes closer than this (in model pixels) to an inner tile edge may be cut faces.
    private const float TileEdgeMargin = 2f;
    // A box with this share of its area inside a better one is part of that face (a tile saw an eye
    // region or a beard of a face the coarser pass saw whole); real faces rarely overlap that much.
    private const float ContainmentThreshold = 0.4f;

    private readonly DetectorOptions _options = options.Value;

    public DetectionResult Detect(ReadOnlySpan<byte> imageBytes, DetectionRequestOptions request, CancellationToken cancellationToken)
    {
        using var image = decoder.Decode(imageBytes);
        var minScore = request.MinScore > 0 ? request.MinScore : _options.MinScore;
        var candidates = FindFaces(image, minScore, cancellationToken);
        if (request.MaxFaces > 0 && candidates.Count > request.MaxFaces)
        {
            candidates = candidates[..request.MaxFaces];
        }

        var faces = new List<DetectedFaceResult>(candidates.Count);
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            faces.Add(Describe(image, candidate, request.OmitCrops));
        }
        metrics.RecordFaces(faces.Count);
        return new DetectionResult(image.Cols, image.Rows, faces);
    }

    /// <summary>Candidates from every pass merged by NMS, best score first.</summary>
    public List<FaceCandidate> FindFaces(Mat image, float minScore, CancellationToken cancellationToken)
    {
        var session = models.Detection;
        var tiles = TilePlanner.Plan(image.Cols, image.Rows, session.InputWidth, session.InputHeight, _options.TileLevels);
        var input = ArrayPool<float>.Shared.Rent(session.InputLength);
        try
        {
            var all = new List<FaceCandidate>();
            foreach (var tile in tiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var letterbox = DetectionPreprocessor.Fill(image, tile.Region, session.InputWidth, session.InputHeight, input.AsSpan(0, session.InputLength));
                var (scores, boxes) = session.Run(input);
                var found = DetectionPostprocessor.Decode(scores, boxes, session.InputWidth, session.InputHeight, letterbox,
                    tile.Level == 0 ? minScore : Math.Max(minScore, _options.TileMinScore));
                // Each pass gets its own NMS first, so a tile's many overlapping proposals become one box.
                foreach (var face in NonMaxSuppression.Apply(found, _options.NmsIouThreshold))
                {
                    if (tile.Level == 0 || !TilePlanner.TouchesInnerEdge(face.Box, tile.Region, image.Cols, image.Rows, TileEdgeMargin / letterbox.Scale))
                    {
                        all.Add(face);
                    }
                }
            }
            return NonMaxSuppression.Apply(all, _options.NmsIouThreshold, ContainmentThreshold)
                .Where(f => Math.Min(f.Box.Width, f.Box.Height) >= _options.MinFaceSize && f.Box.Height >= _options.MinBoxAspect * f.Box.Width)
                .ToList();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    private DetectedFaceResult Describe(Mat image, FaceCandidate face, bool omitCrop)
    {
        var input = ArrayPool<float>.Shared.Rent(LandmarkSession.InputLength);
        try
        {
            var crop = LandmarkPreprocessor.Fill(image, face.Box, input);
            var points68 = LandmarkPostprocessor.ToImage(models.Landmarks.Run(input), crop);
            var fivePoints = LandmarkPostprocessor.FivePoints(points68);
            using var aligned = FaceAligner.Align(image, fivePoints);
            var quality = QualityScorer.Score(face.Score, fivePoints, aligned);
            return new DetectedFaceResult(face.Box, face.Score, fivePoints, quality, omitCrop ? null : FaceAligner.ToRgbBytes(aligned));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }
}
