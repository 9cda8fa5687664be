using System.Diagnostics;
using System.Globalization;
using Identities.Detector;
using Identities.Detector.Pipeline;
using Identities.Embedder;
using Identities.Embedder.Model;

namespace Identities.Benchmarks;

/// <summary>
/// Section 4: the detector's two sessions and the embedder's session in one process, as when both
/// workers share a small node. W workers each take the next photo, detect, and embed its primary face.
/// </summary>
internal sealed class SharedProcessBenchmark(BenchEnvironment env, IReadOnlyList<Photo> photos)
{
    public void Run(TextWriter output)
    {
        var settings = env.Settings;
        var table = new MarkdownTable("IntraOpThreads", "spinning", "images/s", "p50 ms/image", "p90 ms/image", "CPU ms/image", "faces embedded").AlignLeft(1);
        foreach (var (threads, spinning) in settings.SharedConfigs)
        {
            var inference = env.Inference(threads, spinning);
            using var detector = BenchEnvironment.LoadDetector(inference);
            using var embedder = BenchEnvironment.LoadEmbeddingModel(inference, new EmbedderOptions());
            var embedding = embedder.Session;
            var pipeline = env.Pipeline(detector, new DetectorOptions());
            var result = Measure(pipeline, embedding);
            var label = threads switch
            {
                0 => "0 (ORT: all cores)",
                1 when !spinning => "1 (service default)",
                _ => threads.ToString(CultureInfo.InvariantCulture),
            };
            table.Add(label, spinning ? "on" : "off", MarkdownTable.Number(result.ImagesPerSecond, 2),
                MarkdownTable.Ms(result.Latency.Median), MarkdownTable.Ms(result.Latency.Percentile(90)),
                MarkdownTable.Ms(result.CpuMsPerImage), result.Embedded.ToString(CultureInfo.InvariantCulture));
        }

        output.WriteLine($"### 4. Detector + embedder sessions in one process: detect + embed primary face, {settings.SharedWorkers} concurrent workers on {Environment.ProcessorCount} cores ({settings.SharedWindow.TotalSeconds:F0} s measured after {settings.SharedWarmup.TotalSeconds:F1} s warm-up; TileLevels=2)");
        output.WriteLine();
        table.Write(output);
        output.WriteLine("CPU ms/image = process CPU time (all threads, spinning included) over the window / images completed in it.");
        output.WriteLine();
    }

    private Result Measure(FaceDetectionPipeline pipeline, EmbeddingSession embedding)
    {
        var settings = env.Settings;
        var frequency = Stopwatch.Frequency;
        var measureStart = Stopwatch.GetTimestamp() + (long)(settings.SharedWarmup.TotalSeconds * frequency);
        var measureEnd = measureStart + (long)(settings.SharedWindow.TotalSeconds * frequency);
        var next = -1;
        var latencies = new List<double>[settings.SharedWorkers];
        var completed = new int[settings.SharedWorkers];
        var embedded = new int[settings.SharedWorkers];
        var request = new DetectionRequestOptions();

        void Work(int worker)
        {
            var mine = latencies[worker] = [];
            var input = new float[embedding.InputLength];
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measureEnd)
                {
                    return;
                }
                var photo = photos[(int)((uint)Interlocked.Increment(ref next) % (uint)photos.Count)];
                var result = pipeline.Detect(photo.Bytes, request, CancellationToken.None);
                var embeddedOne = false;
                if (result.Faces.Count > 0 && result.Faces[0].AlignedRgb is { } rgb)
                {
                    EmbeddingPreprocessor.Fill(rgb, embedding.InputWidth, embedding.InputHeight, input);
                    _ = embedding.Run(input, 1);
                    embeddedOne = true;
                }
                var ended = Stopwatch.GetTimestamp();
                if (ended >= measureStart && ended <= measureEnd)
                {
                    completed[worker]++;
                    embedded[worker] += embeddedOne ? 1 : 0;
                    if (started >= measureStart)
                    {
                        mine.Add(Samples.Milliseconds(started, ended));
                    }
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        var workers = Enumerable.Range(0, settings.SharedWorkers)
            .Select(w => Task.Factory.StartNew(() => Work(w), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Thread.Sleep(TimeSpan.FromSeconds(Math.Max(0, (measureStart - Stopwatch.GetTimestamp()) / (double)frequency)));
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        Thread.Sleep(TimeSpan.FromSeconds(Math.Max(0, (measureEnd - Stopwatch.GetTimestamp()) / (double)frequency)));
        process.Refresh();
        var cpuAfter = process.TotalProcessorTime;
        Task.WaitAll(workers);

        var latency = new Samples();
        foreach (var list in latencies)
        {
            latency.AddRange(list);
        }
        var images = completed.Sum();
        return new Result(
            images / settings.SharedWindow.TotalSeconds,
            latency,
            images > 0 ? (cpuAfter - cpuBefore).TotalMilliseconds / images : double.NaN,
            embedded.Sum());
    }

    private sealed record Result(double ImagesPerSecond, Samples Latency, double CpuMsPerImage, int Embedded);
}
