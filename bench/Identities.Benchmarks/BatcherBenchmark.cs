using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Google.Protobuf;
using Identities.Embedder;
using Identities.Embedder.Batching;
using Microsoft.Extensions.Options;

namespace Identities.Benchmarks;

/// <summary>
/// Section 3: EmbeddingBatcher end to end. C callers each embed one face, await it and repeat; the
/// batcher coalesces them. Faces/s over the measured window, latency per call, and the mean batch size
/// the batcher actually ran (from its identities.embedder.batch_size histogram).
/// </summary>
internal sealed class BatcherBenchmark(BenchEnvironment env, IReadOnlyList<byte[]> crops)
{
    public async Task RunAsync(TextWriter output)
    {
        var settings = env.Settings;
        using var batchSizes = new BatchSizeListener();
        var results = new List<(int Threads, int Concurrent, int MaxBatch, double WaitMs, int Callers, Result Result)>();
        foreach (var (threads, concurrent) in settings.BatcherConfigs)
        {
            var inference = env.Inference(threads, allowSpinning: false);
            using var model = BenchEnvironment.LoadEmbeddingModel(inference, new EmbedderOptions());
            foreach (var (maxBatch, waitMs) in settings.BatcherSettings)
            {
                // Each batch size runs once untimed, so no measured batch pays ORT's first-run allocation.
                for (var b = 1; b <= maxBatch; b *= 2)
                {
                    model.Session.Run(new float[b * model.Session.InputLength], b);
                }
                foreach (var callers in settings.BatcherCallers)
                {
                    var options = new EmbedderOptions { MaxBatchSize = maxBatch, MaxBatchWaitMilliseconds = waitMs, ConcurrentBatches = concurrent };
                    using var batcher = new EmbeddingBatcher(model, Options.Create(options), env.EmbedderMetrics());
                    await batcher.StartAsync(CancellationToken.None);
                    var result = await MeasureAsync(batcher, callers, batchSizes);
                    await batcher.StopAsync(CancellationToken.None);
                    results.Add((threads, concurrent, maxBatch, waitMs, callers, result));
                }
            }
        }

        output.WriteLine($"### 3. EmbeddingBatcher end to end (C callers each embedding one face in a loop; {settings.BatcherWindow.TotalSeconds:F1} s measured after {settings.BatcherWarmup.TotalSeconds:F1} s warm-up; no spinning)");
        output.WriteLine();
        var table = new MarkdownTable("IntraOpThreads", "ConcurrentBatches", "MaxBatchSize", "wait ms", "C", "faces/s", "mean batch", "p50 ms", "p99 ms");
        foreach (var (threads, concurrent, maxBatch, waitMs, callers, r) in results)
        {
            table.Add(threads.ToString(CultureInfo.InvariantCulture), concurrent.ToString(CultureInfo.InvariantCulture), maxBatch.ToString(CultureInfo.InvariantCulture),
                waitMs.ToString(CultureInfo.InvariantCulture), callers.ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Number(r.FacesPerSecond, 0), MarkdownTable.Number(r.MeanBatch, 1),
                MarkdownTable.Ms(r.Latency.Median), MarkdownTable.Ms(r.Latency.Percentile(99)));
        }
        table.Write(output);

        output.WriteLine("Best setting per C (highest faces/s; ties within 5% go to the lower p99):");
        output.WriteLine();
        var best = new MarkdownTable("IntraOpThreads", "ConcurrentBatches", "C", "best MaxBatchSize", "wait ms", "faces/s", "p99 ms", "defaults (32, 2 ms) faces/s", "defaults p99 ms");
        foreach (var group in results.GroupBy(r => (r.Threads, r.Concurrent, r.Callers)))
        {
            var top = group.Max(r => r.Result.FacesPerSecond);
            var winner = group.Where(r => r.Result.FacesPerSecond >= 0.95 * top).MinBy(r => r.Result.Latency.Percentile(99));
            var defaults = group.FirstOrDefault(r => r.MaxBatch == 32 && r.WaitMs == 2);
            best.Add(group.Key.Threads.ToString(CultureInfo.InvariantCulture), group.Key.Concurrent.ToString(CultureInfo.InvariantCulture), group.Key.Callers.ToString(CultureInfo.InvariantCulture),
                winner.MaxBatch.ToString(CultureInfo.InvariantCulture), winner.WaitMs.ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Number(winner.Result.FacesPerSecond, 0), MarkdownTable.Ms(winner.Result.Latency.Percentile(99)),
                defaults.Result is null ? "-" : MarkdownTable.Number(defaults.Result.FacesPerSecond, 0),
                defaults.Result is null ? "-" : MarkdownTable.Ms(defaults.Result.Latency.Percentile(99)));
        }
        best.Write(output);
    }

    private async Task<Result> MeasureAsync(EmbeddingBatcher batcher, int callers, BatchSizeListener batchSizes)
    {
        var settings = env.Settings;
        var frequency = Stopwatch.Frequency;
        var measureStart = Stopwatch.GetTimestamp() + (long)(settings.BatcherWarmup.TotalSeconds * frequency);
        var measureEnd = measureStart + (long)(settings.BatcherWindow.TotalSeconds * frequency);
        var latencies = new List<double>[callers];
        var completed = new int[callers];

        async Task CallAsync(int caller)
        {
            IReadOnlyList<ByteString> faces = [ByteString.CopyFrom(crops[caller % crops.Count])];
            var mine = latencies[caller] = [];
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measureEnd)
                {
                    return;
                }
                await batcher.EmbedAsync(faces, CancellationToken.None);
                var ended = Stopwatch.GetTimestamp();
                if (ended >= measureStart && ended <= measureEnd)
                {
                    completed[caller]++;
                    if (started >= measureStart)
                    {
                        mine.Add(Samples.Milliseconds(started, ended));
                    }
                }
            }
        }

        var tasks = Enumerable.Range(0, callers).Select(c => Task.Run(() => CallAsync(c))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, (measureStart - Stopwatch.GetTimestamp()) / (double)frequency)));
        var before = batchSizes.Snapshot();
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, (measureEnd - Stopwatch.GetTimestamp()) / (double)frequency)));
        var after = batchSizes.Snapshot();
        await Task.WhenAll(tasks);

        var latency = new Samples();
        foreach (var list in latencies)
        {
            latency.AddRange(list);
        }
        var runs = after.Runs - before.Runs;
        return new Result(
            completed.Sum() / settings.BatcherWindow.TotalSeconds,
            runs > 0 ? (after.Faces - before.Faces) / (double)runs : double.NaN,
            latency);
    }

    private sealed record Result(double FacesPerSecond, double MeanBatch, Samples Latency);

    /// <summary>Counts the batcher's model runs and faces from its batch-size histogram.</summary>
    private sealed class BatchSizeListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _runs;
        private long _faces;

        public BatchSizeListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EmbedderMetrics.MeterName && instrument.Name == "identities.embedder.batch_size")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
            {
                Interlocked.Increment(ref _runs);
                Interlocked.Add(ref _faces, size);
            });
            _listener.Start();
        }

        public (long Runs, long Faces) Snapshot() => (Interlocked.Read(ref _runs), Interlocked.Read(ref _faces));

        public void Dispose() => _listener.Dispose();
    }
}
