using System.Buffers;
using Identities.Contracts.Errors;
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
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var header = decoder.ReadHeader(imageBytes);
        using var image = DecodeForDetection(imageBytes, header);
        var minScore = request.MinScore > 0 ? request.MinScore : _options.MinScore;
        metrics.Stages.Record("decode", started);
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        var candidates = FindFaces(image, minScore, cancellationToken);
        metrics.Stages.Record("detect", started);
        if (request.MaxFaces > 0 && candidates.Count > request.MaxFaces)
        {
            candidates = candidates[..request.MaxFaces];
        }
        if (candidates.Count > _options.MaxFacesPerImage)
        {
            // A crowd answered in part would silently leave people out: refuse it whole, with a code to act on.
            throw new ImageRejectedException(DetectorErrorReasons.TooManyFaces,
                $"The image holds {candidates.Count} faces; at most {_options.MaxFacesPerImage} are answered per image (crop it into parts).");
        }

        // Faces too small in the reduced decode are described from one finer decode, shared by all of them.
        var finest = image.Reduction;
        foreach (var candidate in candidates)
        {
            finest = Math.Min(finest, ReducedDecodePolicy.ForFace(candidate.Box, _options.MinDecodedFaceSize, image.Reduction));
        }
        started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var finer = finest < image.Reduction ? decoder.Decode(imageBytes, header, finest) : null;
        if (finer is not null)
        {
            metrics.Stages.Record("decode", started);
        }

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

    /// <summary>Every merged candidate of an encoded image, decoded as <see cref="Detect"/> decodes it (see the overload).</summary>
    public List<ScoredCandidate> FindCandidates(ReadOnlySpan<byte> imageBytes, float minScore, CancellationToken cancellationToken)
    {
        using var image = DecodeForDetection(imageBytes, decoder.ReadHeader(imageBytes));
        return FindCandidates(image, minScore, cancellationToken);
    }

    /// <summary>The detection decode: as small as the tile plan allows (<see cref="ReducedDecodePolicy"/>).</summary>
    private DecodedImage DecodeForDetection(ReadOnlySpan<byte> imageBytes, ImageHeader header)
    {
        var session = models.Detection;
        var reduction = ReducedDecodePolicy.ForDetection(header, session.InputWidth, session.InputHeight, _options.TileLevels, _options.MaxDecodeReduction, _options.ReducedDecodeMinShrink);
        return decoder.Decode(imageBytes, header, reduction);
    }

    /// <summary>Faces from every pass merged by NMS and confirmed, best score first, in the pixels of a full-size image.</summary>
    public List<FaceCandidate> FindFaces(Mat image, float minScore, CancellationToken cancellationToken) =>
        FindFaces(new DecodedImage(image, 1, image.Cols, image.Rows), minScore, cancellationToken);

    /// <summary>
    /// Faces from every pass merged by NMS and confirmed, best score first, in original pixels. Tiles are planned
    /// on the original size, so a reduced decode searches the same regions as a full one.
    /// </summary>
    public List<FaceCandidate> FindFaces(DecodedImage image, float minScore, CancellationToken cancellationToken) =>
        [.. FindCandidates(image, minScore, cancellationToken).Where(c => c.Kept).Select(c => c.Candidate)];

    /// <summary>
    /// Every merged candidate with its second look's score and whether it is kept: the seam the detection
    /// benchmark reads score distributions from.
    /// </summary>
    public List<ScoredCandidate> FindCandidates(DecodedImage image, float minScore, CancellationToken cancellationToken)
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
                var (found, letterbox) = RunPass(image, tile.Region, input,
                    tile.Level == 0 ? minScore : Math.Max(minScore, _options.TileMinScore));
                // Each pass gets its own NMS first, so a tile's many overlapping proposals become one box.
                foreach (var face in NonMaxSuppression.Apply(found, _options.NmsIouThreshold))
                {
                    if (tile.Level == 0 || !TilePlanner.TouchesInnerEdge(face.Box, tile.Region, image.Width, image.Height, TileEdgeMargin / letterbox.Scale))
                    {
                        all.Add(face with { Level = tile.Level, SeenHeight = face.Box.Height * letterbox.Scale });
                    }
                }
            }
            var merged = NonMaxSuppression.Apply(all, _options.NmsIouThreshold, ContainmentThreshold)
                .Where(f => Math.Min(f.Box.Width, f.Box.Height) >= _options.MinFaceSize && f.Box.Height >= _options.MinBoxAspect * f.Box.Width);
            var candidates = merged.ToList();
            var confirmations = new float[candidates.Count];
            var pending = new List<int>();
            for (var i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                confirmations[i] = float.NaN;
                if (candidate.Score < _options.ConfirmationSureScore
                    && !(candidate.SeenHeight >= _options.LargeFaceSeenHeight && candidate.Score < _options.LargeFaceMinScore
                        && !ConfirmationPlanner.ReachesImageEdge(candidate.Box, image.Width, image.Height)))
                {
                    pending.Add(i);
                }
            }
            Confirm(image, candidates, pending, confirmations, input, cancellationToken);
            return [.. candidates.Select((candidate, i) => new ScoredCandidate(candidate, confirmations[i],
                candidate.Score >= _options.ConfirmationSureScore || confirmations[i] >= _options.ConfirmationMinScore))];
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    /// <summary>
    /// The second look for each pending candidate: the best score, in a pass over the region around it, of a box
    /// overlapping it. Small faces are looked at in a window of the model's input at their own pixels, so one pass
    /// serves every small candidate lying well inside that window (a crowd takes a few passes, not one per face).
    /// </summary>
    private void Confirm(DecodedImage image, List<FaceCandidate> candidates, List<int> pending, float[] confirmations, float[] input, CancellationToken cancellationToken)
    {
        var session = models.Detection;
        foreach (var i in pending)
        {
            if (!float.IsNaN(confirmations[i]))
            {
                continue;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var box = candidates[i].Box;
            var region = ConfirmationPlanner.Region(box, image.Width, image.Height, session.InputWidth, session.InputHeight, _options.ConfirmationContext);
            var (found, _) = RunPass(image, region, input, ConfirmationPlanner.MinReportedScore);
            confirmations[i] = ConfirmationPlanner.Score(found, box);
            if (!ConfirmationPlanner.IsSmall(box, session.InputHeight, _options.ConfirmationContext))
            {
                continue;
            }
            foreach (var j in pending)
            {
                if (float.IsNaN(confirmations[j]) && ConfirmationPlanner.IsSmall(candidates[j].Box, session.InputHeight, _options.ConfirmationContext)
                    && ConfirmationPlanner.LiesWellInside(candidates[j].Box, region, image.Width, image.Height))
                {
                    confirmations[j] = ConfirmationPlanner.Score(found, candidates[j].Box);
                }
            }
        }
    }

    /// <summary>One detection pass over an original-pixel region: candidates above <paramref name="minScore"/> in original pixels.</summary>
    private (List<FaceCandidate> Found, Letterbox Letterbox) RunPass(DecodedImage image, Rect region, float[] input, float minScore)
    {
        var session = models.Detection;
        var letterbox = DetectionPreprocessor.Fill(image.Image, image.ToDecoded(region), session.InputWidth, session.InputHeight, input.AsSpan(0, session.InputLength))
            .Enlarged(image.Reduction);
        var (scores, boxes) = session.Run(input);
        return (DetectionPostprocessor.Decode(scores, boxes, session.InputWidth, session.InputHeight, letterbox, minScore), letterbox);
    }

    /// <summary>Landmarks, alignment and quality from <paramref name="source"/>; box and points in original pixels.</summary>
    private DetectedFaceResult Describe(DecodedImage source, FaceCandidate face, bool omitCrop)
    {
        var input = ArrayPool<float>.Shared.Rent(LandmarkSession.InputLength);
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var crop = LandmarkPreprocessor.Fill(source.Image, source.ToDecoded(face.Box), input);
            var points68 = LandmarkPostprocessor.ToImage(models.Landmarks.Run(input), crop);
            var fivePoints = LandmarkPostprocessor.FivePoints(points68);
            metrics.Stages.Record("landmarks", started);
            started = System.Diagnostics.Stopwatch.GetTimestamp();
            using var aligned = FaceAligner.Align(source.Image, fivePoints);
            var original = source.ToOriginal(fivePoints);
            // Quality's size part is the inter-ocular distance of the original, as callers see it.
            var quality = QualityScorer.Score(face.Score, original, aligned);
            var result = new DetectedFaceResult(face.Box, face.Score, original, quality, omitCrop ? null : FaceAligner.ToRgbBytes(aligned));
            metrics.Stages.Record("align", started);
            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }
}
