using System.Diagnostics;
using System.Globalization;
using Identities.Detector;
using Identities.Detector.Detection;
using Identities.Detector.Pipeline;
using Identities.Embedder.Model;

namespace Identities.Benchmarks;

/// <summary>
/// Section 1: one image at a time on one thread through FaceDetectionPipeline.Detect itself (reduced decode, tiles,
/// second look, finer decode for small faces), each stage timed by the pipeline's own stage metrics
/// (<see cref="StageRecorder"/>); each face then embedded alone through the embedder's session. Then Detect whole,
/// per TileLevels. The detector's pure functions one by one are the microbenchmarks' job (bench/Identities.MicroBenchmarks).
/// </summary>
internal sealed class StageBenchmark(
    BenchEnvironment env, IReadOnlyList<Photo> photos, DetectorModels models, EmbeddingSession embedding)
{
    // Per stage the pipeline recorded: its milliseconds summed over the image, and how many times it was recorded.
    private readonly Dictionary<string, Samples> _stageMs = [];
    private readonly Dictionary<string, Samples> _stageRecords = [];
    private readonly Samples _passesPerImage = new();
    private readonly Samples _facesPerImage = new();
    private readonly Samples _detect = new();
    private readonly Samples _embed = new();
    private readonly Samples _embedModel = new();

    public void Run(TextWriter output)
    {
        var pipeline = env.Pipeline(models, new DetectorOptions());
        using (var recorder = new StageRecorder())
        {
            for (var rep = 0; rep < env.Settings.Reps; rep++)
            {
                foreach (var photo in photos)
                {
                    RunStaged(pipeline, recorder, photo);
                }
            }
        }

        var levels = new[] { 2, 1, 0 };
        var whole = new Dictionary<int, WholeDetect>();
        foreach (var level in levels)
        {
            whole[level] = MeasureWholeDetect(level);
        }

        var n = env.Settings.Reps * photos.Count;
        output.WriteLine($"### 1a. Per-stage latency, one image at a time on one thread ({photos.Count} photos x {env.Settings.Reps} reps = {n} images, {_facesPerImage.Sum:F0} faces; IntraOpThreads=1, no spinning; detector defaults)");
        output.WriteLine();
        var table = new MarkdownTable("Stage", "Per", "n", "median ms", "p90 ms", "mean ms").AlignLeft(1);
        foreach (var (stage, samples) in _stageMs)
        {
            Row(table, $"{stage} (the pipeline's own stage metric; recorded {_stageRecords[stage].Mean:F2} times per image)", "image", samples);
        }
        CountRow(table, "Detection passes over tiles (count, not ms)", "image", _passesPerImage);
        CountRow(table, "Faces found (count, not ms)", "image", _facesPerImage);
        Row(table, "Embedding, batch 1 (EmbeddingPreprocessor.Fill + EmbeddingSession.Run)", "face", _embed);
        Row(table, "  of which EmbeddingSession.Run", "face", _embedModel);
        Row(table, "Whole detect (FaceDetectionPipeline.Detect), defaults", "image", _detect);
        Row(table, "Whole detect (FaceDetectionPipeline.Detect), TileLevels=0", "image", whole[0].Ms);
        table.Write(output);
        output.WriteLine("Each stage is summed over the image where the pipeline records it more than once (per face, or a second, finer " +
            "decode for small faces); its stages are what FaceDetectionPipeline.Detect records in production (identities.stage.duration).");
        output.WriteLine();

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

    private void RunStaged(FaceDetectionPipeline pipeline, StageRecorder recorder, Photo photo)
    {
        var session = models.Detection;
        var started = Stopwatch.GetTimestamp();
        var result = pipeline.Detect(photo.Bytes, new DetectionRequestOptions(), CancellationToken.None);
        _detect.AddElapsed(started, Stopwatch.GetTimestamp());
        _facesPerImage.Add(result.Faces.Count);
        _passesPerImage.Add(TilePlanner.Plan(photo.Width, photo.Height, session.InputWidth, session.InputHeight, new DetectorOptions().TileLevels).Count);
        var recorded = recorder.Take();
        foreach (var group in recorded.GroupBy(r => r.Stage))
        {
            Stage(_stageMs, group.Key).Add(group.Sum(r => r.Milliseconds));
            Stage(_stageRecords, group.Key).Add(group.Count());
        }

        var input = new float[embedding.InputLength];
        foreach (var face in result.Faces)
        {
            var t0 = Stopwatch.GetTimestamp();
            EmbeddingPreprocessor.Fill(face.AlignedRgb!, embedding.InputWidth, embedding.InputHeight, input);
            var t1 = Stopwatch.GetTimestamp();
            _ = embedding.Run(input, 1);
            var t2 = Stopwatch.GetTimestamp();
            _embed.AddElapsed(t0, t2);
            _embedModel.AddElapsed(t1, t2);
        }
    }

    private static Samples Stage(Dictionary<string, Samples> stages, string name)
    {
        if (!stages.TryGetValue(name, out var samples))
        {
            stages[name] = samples = new Samples();
        }
        return samples;
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
