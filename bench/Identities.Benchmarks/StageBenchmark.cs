using System.Diagnostics;
using System.Globalization;
using Identities.Detector;
using Identities.Detector.Alignment;
using Identities.Detector.Detection;
using Identities.Detector.Imaging;
using Identities.Detector.Landmarks;
using Identities.Detector.Pipeline;
using Identities.Detector.Quality;
using Identities.Embedder.Model;
using Microsoft.Extensions.Options;

namespace Identities.Benchmarks;

/// <summary>
/// Section 1: one image at a time on one thread, each stage timed by calling the same static functions
/// FaceDetectionPipeline calls, in the same order; then FaceDetectionPipeline.Detect whole, per TileLevels.
/// </summary>
internal sealed class StageBenchmark(
    BenchEnvironment env, IReadOnlyList<Photo> photos, DetectorModels models, EmbeddingSession embedding)
{
    // Private constants of FaceDetectionPipeline, repeated so the staged run finds the same faces.
    private const float TileEdgeMargin = 2f;
    private const float ContainmentThreshold = 0.4f;

    private readonly DetectorOptions _options = new();
    private readonly Samples _decode = new();
    private readonly Samples _passesPerImage = new();
    private readonly Samples _passPreprocess = new();
    private readonly Samples _passModel = new();
    private readonly Samples _passPostprocess = new();
    private readonly Samples _passTotal = new();
    private readonly Samples _merge = new();
    private readonly Samples _detectionTotal = new();
    private readonly Samples _facesPerImage = new();
    private readonly Samples _landmarks = new();
    private readonly Samples _landmarkModel = new();
    private readonly Samples _align = new();
    private readonly Samples _quality = new();
    private readonly Samples _rgb = new();
    private readonly Samples _embed = new();
    private readonly Samples _embedModel = new();
    private readonly Samples _stagedImage = new();

    public void Run(TextWriter output)
    {
        var decoder = new ImageDecoder(Options.Create(_options));
        var reference = env.Pipeline(models, _options);
        var mismatches = CheckAgainstPipeline(decoder, reference);

        for (var rep = 0; rep < env.Settings.Reps; rep++)
        {
            foreach (var photo in photos)
            {
                RunStaged(decoder, photo);
            }
        }

        var levels = new[] { 2, 1, 0 };
        var whole = new Dictionary<int, WholeDetect>();
        foreach (var level in levels)
        {
            whole[level] = MeasureWholeDetect(level);
        }

        output.WriteLine($"Staged detection check: {(mismatches.Count == 0 ? "the staged loop finds the same candidates as FaceDetectionPipeline.FindCandidates on every photo (before the second look, which it does not time)" : "MISMATCH on " + string.Join(", ", mismatches))}.");
        output.WriteLine();

        var n = env.Settings.Reps * photos.Count;
        output.WriteLine($"### 1a. Per-stage latency, one image at a time on one thread ({photos.Count} photos x {env.Settings.Reps} reps = {n} images, {_facesPerImage.Sum:F0} faces; IntraOpThreads=1, no spinning; TileLevels=2)");
        output.WriteLine();
        var table = new MarkdownTable("Stage", "Per", "n", "median ms", "p90 ms", "mean ms").AlignLeft(1);
        Row(table, "Decode (ImageDecoder.Decode)", "image", _decode);
        CountRow(table, "Detection passes (count, not ms)", "image", _passesPerImage);
        Row(table, "  pass: preprocess (DetectionPreprocessor.Fill)", "pass", _passPreprocess);
        Row(table, "  pass: model (DetectionSession.Run)", "pass", _passModel);
        Row(table, "  pass: decode + NMS (DetectionPostprocessor.Decode, NonMaxSuppression.Apply)", "pass", _passPostprocess);
        Row(table, "  pass: total", "pass", _passTotal);
        Row(table, "  merge (NonMaxSuppression.Apply + size filters)", "image", _merge);
        Row(table, "Detection, all passes + merge", "image", _detectionTotal);
        CountRow(table, "Faces found (count, not ms)", "image", _facesPerImage);
        Row(table, "Landmarks (LandmarkPreprocessor.Fill + LandmarkSession.Run + points)", "face", _landmarks);
        Row(table, "  of which LandmarkSession.Run", "face", _landmarkModel);
        Row(table, "Alignment (FaceAligner.Align)", "face", _align);
        Row(table, "Quality (QualityScorer.Score)", "face", _quality);
        Row(table, "Aligned crop to RGB bytes (FaceAligner.ToRgbBytes)", "face", _rgb);
        Row(table, "Embedding, batch 1 (EmbeddingPreprocessor.Fill + EmbeddingSession.Run)", "face", _embed);
        Row(table, "  of which EmbeddingSession.Run", "face", _embedModel);
        Row(table, "Staged sum: decode to crops (no embedding)", "image", _stagedImage);
        Row(table, "Whole detect (FaceDetectionPipeline.Detect), TileLevels=2", "image", whole[2].Ms);
        Row(table, "Whole detect (FaceDetectionPipeline.Detect), TileLevels=0", "image", whole[0].Ms);
        table.Write(output);

        output.WriteLine("### 1b. Tiling cost: FaceDetectionPipeline.Detect per TileLevels (same images, one thread)");
        output.WriteLine();
        var tiling = new MarkdownTable("TileLevels", "passes/image (mean)", "faces/image (mean)", "median ms", "p90 ms", "mean ms", "images/s (1 thread)");
        foreach (var level in levels.Order())
        {
            var (ms, passes, faces) = (whole[level].Ms, whole[level].Passes, whole[level].Faces);
            tiling.Add(
                level == 2 ? "2 (default)" : level.ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Number(passes.Mean, 2), MarkdownTable.Number(faces.Mean, 2),
                MarkdownTable.Ms(ms.Median), MarkdownTable.Ms(ms.Percentile(90)), MarkdownTable.Ms(ms.Mean),
                MarkdownTable.Number(1000 / ms.Mean, 1));
        }
        tiling.Write(output);

        output.WriteLine("### 1c. Per photo: whole detect median ms by TileLevels");
        output.WriteLine();
        var perPhoto = new MarkdownTable("Photo", "size", "MP", "passes L2", "faces L2", "faces L0", "ms L2", "ms L1", "ms L0").AlignLeft(1);
        foreach (var photo in photos)
        {
            var session = models.Detection;
            perPhoto.Add(
                photo.Name, $"{photo.Width}x{photo.Height}", MarkdownTable.Number(photo.Width * (double)photo.Height / 1e6, 1),
                TilePlanner.Plan(photo.Width, photo.Height, session.InputWidth, session.InputHeight, 2).Count.ToString(CultureInfo.InvariantCulture),
                whole[2].FacesOf[photo.Name].ToString(CultureInfo.InvariantCulture),
                whole[0].FacesOf[photo.Name].ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Ms(whole[2].MsOf[photo.Name].Median),
                MarkdownTable.Ms(whole[1].MsOf[photo.Name].Median),
                MarkdownTable.Ms(whole[0].MsOf[photo.Name].Median));
        }
        perPhoto.Write(output);
    }

    private List<string> CheckAgainstPipeline(ImageDecoder decoder, FaceDetectionPipeline reference)
    {
        var mismatches = new List<string>();
        foreach (var photo in photos)
        {
            using var image = decoder.Decode(photo.Bytes);
            // The staged loop times the passes and the merge; the second look (issue 11) is not staged, so it is
            // checked against every merged candidate, kept or not.
            var expected = reference.FindCandidates(new DecodedImage(image, 1, image.Cols, image.Rows), _options.MinScore, CancellationToken.None)
                .Select(c => (c.Candidate.Box, c.Candidate.Score));
            var staged = FindFacesStaged(image, record: false).Select(f => (f.Box, f.Score));
            if (!expected.SequenceEqual(staged))
            {
                mismatches.Add(photo.Name);
            }
        }
        return mismatches;
    }

    private void RunStaged(ImageDecoder decoder, Photo photo)
    {
        var started = Stopwatch.GetTimestamp();
        using var image = decoder.Decode(photo.Bytes);
        var decoded = Stopwatch.GetTimestamp();
        _decode.AddElapsed(started, decoded);

        var faces = FindFacesStaged(image, record: true);
        var detected = Stopwatch.GetTimestamp();
        _detectionTotal.AddElapsed(decoded, detected);
        _facesPerImage.Add(faces.Count);

        var landmarkInput = new float[LandmarkSession.InputLength];
        var embeddingInput = new float[embedding.InputLength];
        long describeTicks = 0;
        foreach (var face in faces)
        {
            var t0 = Stopwatch.GetTimestamp();
            var crop = LandmarkPreprocessor.Fill(image, face.Box, landmarkInput);
            var m0 = Stopwatch.GetTimestamp();
            var raw = models.Landmarks.Run(landmarkInput);
            var m1 = Stopwatch.GetTimestamp();
            var fivePoints = LandmarkPostprocessor.FivePoints(LandmarkPostprocessor.ToImage(raw, crop));
            var t1 = Stopwatch.GetTimestamp();
            using var aligned = FaceAligner.Align(image, fivePoints);
            var t2 = Stopwatch.GetTimestamp();
            _ = QualityScorer.Score(face.Score, fivePoints, aligned);
            var t3 = Stopwatch.GetTimestamp();
            var rgb = FaceAligner.ToRgbBytes(aligned);
            var t4 = Stopwatch.GetTimestamp();
            EmbeddingPreprocessor.Fill(rgb, embedding.InputWidth, embedding.InputHeight, embeddingInput.AsSpan(0, embedding.InputLength));
            var e0 = Stopwatch.GetTimestamp();
            _ = embedding.Run(embeddingInput, 1);
            var t5 = Stopwatch.GetTimestamp();

            _landmarks.AddElapsed(t0, t1);
            _landmarkModel.AddElapsed(m0, m1);
            _align.AddElapsed(t1, t2);
            _quality.AddElapsed(t2, t3);
            _rgb.AddElapsed(t3, t4);
            _embed.AddElapsed(t4, t5);
            _embedModel.AddElapsed(e0, t5);
            describeTicks += t4 - t0;
        }
        // Embedding is the other worker's job: the staged image time stops at the aligned RGB crops.
        _stagedImage.Add(Samples.Milliseconds(started, detected + describeTicks));
    }

    /// <summary>FaceDetectionPipeline.FindFaces, step by step, timing each pass when asked.</summary>
    private List<FaceCandidate> FindFacesStaged(OpenCvSharp.Mat image, bool record)
    {
        var session = models.Detection;
        var tiles = TilePlanner.Plan(image.Cols, image.Rows, session.InputWidth, session.InputHeight, _options.TileLevels);
        var input = new float[session.InputLength];
        var all = new List<FaceCandidate>();
        foreach (var tile in tiles)
        {
            var t0 = Stopwatch.GetTimestamp();
            var letterbox = DetectionPreprocessor.Fill(image, tile.Region, session.InputWidth, session.InputHeight, input.AsSpan(0, session.InputLength));
            var t1 = Stopwatch.GetTimestamp();
            var (scores, boxes) = session.Run(input);
            var t2 = Stopwatch.GetTimestamp();
            var found = DetectionPostprocessor.Decode(scores, boxes, session.InputWidth, session.InputHeight, letterbox,
                tile.Level == 0 ? _options.MinScore : Math.Max(_options.MinScore, _options.TileMinScore));
            foreach (var face in NonMaxSuppression.Apply(found, _options.NmsIouThreshold))
            {
                if (tile.Level == 0 || !TilePlanner.TouchesInnerEdge(face.Box, tile.Region, image.Cols, image.Rows, TileEdgeMargin / letterbox.Scale))
                {
                    all.Add(face);
                }
            }
            var t3 = Stopwatch.GetTimestamp();
            if (record)
            {
                _passPreprocess.AddElapsed(t0, t1);
                _passModel.AddElapsed(t1, t2);
                _passPostprocess.AddElapsed(t2, t3);
                _passTotal.AddElapsed(t0, t3);
            }
        }
        var m0 = Stopwatch.GetTimestamp();
        var faces = NonMaxSuppression.Apply(all, _options.NmsIouThreshold, ContainmentThreshold)
            .Where(f => Math.Min(f.Box.Width, f.Box.Height) >= _options.MinFaceSize && f.Box.Height >= _options.MinBoxAspect * f.Box.Width)
            .ToList();
        var m1 = Stopwatch.GetTimestamp();
        if (record)
        {
            _merge.AddElapsed(m0, m1);
            _passesPerImage.Add(tiles.Count);
        }
        return faces;
    }

    private WholeDetect MeasureWholeDetect(int tileLevels)
    {
        var pipeline = env.Pipeline(models, new DetectorOptions { TileLevels = tileLevels });
        var request = new DetectionRequestOptions();
        var session = models.Detection;
        var whole = new WholeDetect(photos);
        // One untimed image first: a new options object takes no warm-up, but the caches may.
        _ = pipeline.Detect(photos[0].Bytes, request, CancellationToken.None);
        for (var rep = 0; rep < env.Settings.Reps; rep++)
        {
            foreach (var photo in photos)
            {
                var started = Stopwatch.GetTimestamp();
                var result = pipeline.Detect(photo.Bytes, request, CancellationToken.None);
                var elapsed = Samples.Milliseconds(started, Stopwatch.GetTimestamp());
                whole.Ms.Add(elapsed);
                whole.MsOf[photo.Name].Add(elapsed);
                whole.Faces.Add(result.Faces.Count);
                whole.FacesOf[photo.Name] = result.Faces.Count;
                whole.Passes.Add(TilePlanner.Plan(photo.Width, photo.Height, session.InputWidth, session.InputHeight, tileLevels).Count);
            }
        }
        return whole;
    }

    private static void Row(MarkdownTable table, string stage, string per, Samples samples) =>
        table.Add(stage, per, samples.Count.ToString(CultureInfo.InvariantCulture),
            MarkdownTable.Ms(samples.Median), MarkdownTable.Ms(samples.Percentile(90)), MarkdownTable.Ms(samples.Mean));

    private static void CountRow(MarkdownTable table, string stage, string per, Samples samples) =>
        table.Add(stage, per, samples.Count.ToString(CultureInfo.InvariantCulture),
            MarkdownTable.Number(samples.Median, 1), MarkdownTable.Number(samples.Percentile(90), 1), MarkdownTable.Number(samples.Mean, 2));

    private sealed class WholeDetect(IReadOnlyList<Photo> photos)
    {
        public Samples Ms { get; } = new();

        public Samples Passes { get; } = new();

        public Samples Faces { get; } = new();

        public Dictionary<string, Samples> MsOf { get; } = photos.ToDictionary(p => p.Name, _ => new Samples());

        public Dictionary<string, int> FacesOf { get; } = [];
    }
}
