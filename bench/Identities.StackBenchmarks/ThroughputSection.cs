using Identities.BenchCommon;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.StackBenchmarks;

/// <summary>
/// faceDetect, faceCompare and faceEnroll with N concurrent clients over HTTPS, each detect and compare row
/// followed by the same work in one process with the same number of workers; the ratio is the split's cost.
/// </summary>
internal static class ThroughputSection
{
    public static async Task RunAsync(BenchRun run)
    {
        var settings = run.Settings;
        var photos = run.Photos;
        run.Line($"## 1. Throughput and latency ({settings.Window.TotalSeconds:F0} s measured per row after {settings.Warmup.TotalSeconds:F0} s warm-up; the {photos.Count} shared photos in turn)");
        run.Line();
        var table = new MarkdownTable("operation", "where", "clients", "requests/s", "p50 ms", "p99 ms", "mean ms", "done", "failed", "others' CPU").AlignLeft(0, 1);
        var ratios = new MarkdownTable("operation", "clients", "stack requests/s", "in-process requests/s", "stack / in-process").AlignLeft(0);
        foreach (var clients in settings.Clients)
        {
            var stack = await Measure(run, table, "faceDetect", "stack (HTTPS)", clients, i => run.Gateway.DetectAsync(photos.DetectBodies[i % photos.Count]));
            var local = await Measure(run, table, "faceDetect", "in-process", clients, async i =>
            {
                await run.InProcess.DetectAsync(photos.DetectBodies[i % photos.Count]);
                return null;
            });
            AddRatio(run, ratios, "faceDetect", clients, stack, local);
        }
        foreach (var clients in settings.Clients)
        {
            var stack = await Measure(run, table, "faceCompare", "stack (HTTPS)", clients, i => run.Gateway.CompareAsync(photos.CompareBodies[i % photos.Count]));
            var local = await Measure(run, table, "faceCompare", "in-process", clients, i => run.InProcess.CompareAsync(photos.CompareBodies[i % photos.Count]));
            AddRatio(run, ratios, "faceCompare", clients, stack, local);
        }
        foreach (var clients in settings.Clients)
        {
            // Each call enrolls a photo as a new person (forceEnrollment=true, no photoReferenceId): detect, embed,
            // atomic registry write acknowledged after the AOF fsync.
            await Measure(run, table, "faceEnroll", "stack (HTTPS)", clients, i => run.Gateway.EnrollAsync(photos.EnrollBodies[i % photos.Count]));
        }
        table.Write(run.Output);
        run.Line("'others' CPU': machine CPU used by processes other than this benchmark and the stack's (gateway, workers, the stack's Redis) " +
            "during the window, as a share of all cores; above a few % the row is inflated. Failed calls (e.g. faceEnroll's 500 multiple_faces " +
            "on group photos) are counted apart and left out of the rates and latencies.");
        run.Line();
        run.Line("### The cost of the split");
        run.Line();
        ratios.Write(run.Output);
        run.Line("In-process: the product's own code with the services' own configuration in this one process (the gateway's request and answer " +
            "mapping and match rules, the detector's FaceDetectionPipeline, the embedder's EmbeddingBatcher, the registry's VectorSearch over every " +
            "shard with re-ranking on the same Redis), with as many concurrent workers as the stack had clients: the difference is what the split " +
            "adds (TLS, auth, gRPC serialisation, hops). Target (issue 6): faceDetect stack / in-process >= 0.70 on this 2-core machine.");
        run.Line();
    }

    private static async Task<LoadResult> Measure(BenchRun run, MarkdownTable table, string operation, string where, int clients, Func<int, Task<string?>> call)
    {
        var result = await LoadRunner.RunAsync($"{operation} {where}", clients, run.Settings.Warmup, run.Settings.Window, call, run.StackPids);
        table.Add(operation, where, Int(clients), Number(result.PerSecond, 2), Ms(result.Latency.P50), Ms(result.Latency.P99), Ms(result.Latency.Mean),
            Int(result.Completed), result.Failed == 0 ? "0" : $"{result.Failed} ({string.Join(", ", result.Failures.Select(f => $"{f.Key} x{f.Value}"))})",
            Percent(result.OtherShare));
        run.Report.Throughput.Add(ThroughputRow.From(operation, where, result));
        return result;
    }

    private static void AddRatio(BenchRun run, MarkdownTable ratios, string operation, int clients, LoadResult stack, LoadResult local)
    {
        var ratio = stack.PerSecond / local.PerSecond;
        ratios.Add(operation, Int(clients), Number(stack.PerSecond, 2), Number(local.PerSecond, 2), Number(ratio, 2) + "x");
        run.Report.Ratios.Add(new RatioRow(operation, clients, stack.PerSecond, local.PerSecond, ratio));
    }
}
