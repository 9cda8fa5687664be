using System.Collections.Concurrent;
using System.Diagnostics;
using Identities.BenchCommon;

namespace Identities.StackBenchmarks;

/// <summary>
/// Drives one operation with N concurrent clients: a warm-up, then a measured window. A call counts when it
/// ends inside the window; its latency counts when it also started inside it. Calls return null on success or
/// a short failure label (e.g. "500 multiple_faces"), which is counted, not thrown.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        string label, int clients, TimeSpan warmup, TimeSpan window, Func<int, Task<string?>> call, IReadOnlyCollection<int> measuredPids)
    {
        var frequency = Stopwatch.Frequency;
        var measureStart = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * frequency);
        var measureEnd = measureStart + (long)(window.TotalSeconds * frequency);
        var next = -1;
        var latencies = new LatencySamples[clients];
        var completed = new int[clients];
        var failures = new ConcurrentDictionary<string, int>();
        CpuProbe? probe = null;

        async Task Client(int client)
        {
            var mine = latencies[client] = new LatencySamples();
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (started >= measureEnd)
                {
                    return;
                }
                var failure = await call(Interlocked.Increment(ref next));
                var ended = Stopwatch.GetTimestamp();
                if (ended < measureStart || ended > measureEnd)
                {
                    continue;
                }
                if (failure is null)
                {
                    completed[client]++;
                    if (started >= measureStart)
                    {
                        mine.Add((ended - started) * 1000.0 / frequency);
                    }
                }
                else
                {
                    failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
                }
            }
        }

        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(() => Client(c))).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, (measureStart - Stopwatch.GetTimestamp()) / (double)frequency)));
        probe = new CpuProbe(measuredPids);
        await Task.WhenAll(tasks);
        var other = probe.OtherShare();

        var latency = new LatencySamples();
        foreach (var samples in latencies)
        {
            latency.AddRange(samples);
        }
        var result = new LoadResult(clients, window.TotalSeconds, completed.Sum(), failures.Values.Sum(), latency, other,
            new Dictionary<string, int>(failures));
        Console.Error.WriteLine($"[bench] {label}, {clients} client(s): {result.PerSecond:F2}/s, p50 {latency.P50:F1} ms, p99 {latency.P99:F1} ms" +
            (result.Failed > 0 ? $", {result.Failed} failed ({string.Join(", ", failures.Select(f => $"{f.Key} x{f.Value}"))})" : ""));
        return result;
    }
}
