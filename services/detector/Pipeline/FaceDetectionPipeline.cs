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
        var header = decoder.ReadHeader(imageBytes);
        var session = models.Detection;
        var reduction = ReducedDecodePolicy.ForDetection(header, session.InputWidth, session.InputHeight, _options.TileLevels, _options.MaxDecodeReduction, _options.ReducedDecodeMinShrink);
        using var image = decoder.Decode(imageBytes, header, reduction);
        var minScore = request.MinScore > 0 ? request.MinScore : _options.MinScore;
        var candidates = FindFaces(image, minScore, cancellationToken);
        if (request.MaxFaces > 0 && candidates.Count > request.MaxFaces)
        {
            candidates = candidates[..request.MaxFaces];
        }

        // Faces too small in the reduced decode are described from one finer decode, shared by all of them.
        var finest = image.Reduction;
        foreach (var candidate in candidates)
        {
            finest = Math.Min(finest, ReducedDecodePolicy.ForFace(candidate.Box, _options.MinDecodedFaceSize, image.Reduction));
        }
        using var finer = finest < image.Reduction ? decoder.Decode(imageBytes, header, finest) : null;

        var faces = new List<DetectedFaceResult>(candidates.Count);
        foreach (var candidate in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var source = finer is not null && ReducedDecodePolicy.ForFace(candidate.Box, _options.MinDecodedFaceSize, image.Reduction) < image.Reduction
                ? finer
                : image;
            faces.Add(Describe(source, candidate, request.OmitCrops));
        }
        metrics.RecordFaces(faces.Count);
        return new DetectionResult(image.Width, image.Height, faces);
    }

    /// <summary>Candidates from every pass merged by NMS, best score first, in the pixels of a full-size image.</summary>
    public List<FaceCandidate> FindFaces(Mat image, float minScore, CancellationToken cancellationToken) =>
        FindFaces(new DecodedImage(image, 1, image.Cols, image.Rows), minScore, cancellationToken);

    /// <summary>
    /// Candidates from every pass merged by NMS, best score first, in original pixels. Tiles are planned on
    /// the original size, so a reduced decode searches the same regions as a full one.
    /// </summary>
    public List<FaceCandidate> FindFaces(DecodedImage image, float minScore, CancellationToken cancellationToken)
    {
        var session = models.Detection;
        var tiles = TilePlanner.Plan(image.Width, image.Height, session.InputWidth, session.InputHeight, _options.TileLevels);
        var input = ArrayPool<float>.Shared.Rent(session.InputLength);
        try
        {
            var all = new List<FaceCandidate>();
            foreach (var tile in tiles)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var letterbox = DetectionPreprocessor.Fill(image.Image, image.ToDecoded(tile.Region), session.InputWidth, session.InputHeight, input.AsSpan(0, session.InputLength))
                    .Enlarged(image.Reduction);
                var (scores, boxes) = session.Run(input);
                var found = DetectionPostprocessor.Decode(scores, boxes, session.InputWidth, session.InputHeight, letterbox,
                    tile.Level == 0 ? minScore : Math.Max(minScore, _options.TileMinScore));
                // Each pass gets its own NMS first, so a tile's many overlapping proposals become one box.
                foreach (var face in NonMaxSuppression.Apply(found, _options.NmsIouThreshold))
                {
                    if (tile.Level == 0 || !TilePlanner.TouchesInnerEdge(face.Box, tile.Region, image.Width, image.Height, TileEdgeMargin / letterbox.Scale))
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

    /// <summary>Landmarks, alignment and quality from <paramref name="source"/>; box and points in original pixels.</summary>
    private DetectedFaceResult Describe(DecodedImage source, FaceCandidate face, bool omitCrop)
    {
        var input = ArrayPool<float>.Shared.Rent(LandmarkSession.InputLength);
        try
        {
            var crop = LandmarkPreprocessor.Fill(source.Image, source.ToDecoded(face.Box), input);
            var points68 = LandmarkPostprocessor.ToImage(models.Landmarks.Run(input), crop);
            var fivePoints = LandmarkPostprocessor.FivePoints(points68);
            using var aligned = FaceAligner.Align(source.Image, fivePoints);
            var original = source.ToOriginal(fivePoints);
            // Quality's size part is the inter-ocular distance of the original, as callers see it.
            var quality = QualityScorer.Score(face.Score, original, aligned);
            return new DetectedFaceResult(face.Box, face.Score, original, quality, omitCrop ? null : FaceAligner.ToRgbBytes(aligned));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }
}
