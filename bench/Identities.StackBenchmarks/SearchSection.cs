using System.Diagnostics;
using Identities.BenchCommon;
using Identities.Registry.V1;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.StackBenchmarks;

/// <summary>
/// 1:N search as the gallery grows: the registry's Search over gRPC, the registry's VectorSearch in process, and
/// a whole faceDetect (one client), at each gallery size. The gallery grows through the registry's EnrollFace.
/// </summary>
internal static class SearchSection
{
    public static async Task RunAsync(BenchRun run, GalleryLoader gallery, IReadOnlyList<float[]> seeds)
    {
        var settings = run.Settings;
        run.Line($"## 3. 1:N search latency by gallery size (one call at a time; {settings.SearchCalls} searches per row; faceDetect: 1 client for {settings.Window.TotalSeconds:F0} s)");
        run.Line();
        var loads = new MarkdownTable("gallery faces", "added in this step", "EnrollFace/s of the step that reached it (32 in flight)");
        var table = new MarkdownTable("gallery faces", "path", "p50 ms", "p99 ms", "mean ms", "calls").AlignLeft(1);
        var random = new Random(7);
        foreach (var size in settings.Galleries)
        {
            var before = gallery.Enrolled;
            Console.Error.WriteLine($"[bench] growing the gallery to {size:N0} synthetic faces");
            await gallery.GrowToAsync(size);
            var rate = gallery.Rates.GetValueOrDefault(size, double.NaN);
            loads.Add(Int(size), Int(gallery.Enrolled - before), Number(rate, 0));
            run.Report.Gallery.Add(new GalleryRow(size, rate));

            var queries = Enumerable.Range(0, settings.SearchCalls).Select(_ => gallery.Perturb(seeds[random.Next(seeds.Count)])).ToArray();
            var grpc = new LatencySamples();
            var local = new LatencySamples();
            var probe = new CpuProbe(run.StackPids);
            for (var i = -10; i < queries.Length; i++)
            {
                var query = queries[Math.Max(i, 0)];
                var request = new SearchRequest { ModelId = run.InProcess.ModelId, K = 1, MinScore = run.InProcess.MinCosine };
                request.Vector.AddRange(query);
                var started = Stopwatch.GetTimestamp();
                await run.Registry.SearchAsync(request);
                var grpcMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                started = Stopwatch.GetTimestamp();
                await run.InProcess.SearchAsync([query]);
                var localMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (i >= 0)
                {
                    grpc.Add(grpcMs);
                    local.Add(localMs);
                }
            }
            Add(run, table, size, "registry Search over gRPC", grpc);
            Add(run, table, size, "registry VectorSearch in process", local);
            var detect = await LoadRunner.RunAsync($"faceDetect at {size:N0}", 1, settings.Warmup, settings.Window,
                i => run.Gateway.DetectAsync(run.Photos.DetectBodies[i % run.Photos.Count]), run.StackPids);
            Add(run, table, size, "whole faceDetect (HTTPS)", detect.Latency);
            Console.Error.WriteLine($"[bench] {probe.Describe($"search rows at {size:N0}")}");
        }
        loads.Write(run.Output);
        table.Write(run.Output);
        run.Line("Gallery: synthetic faces (the shared photos' real embeddings, perturbed and renormalised), each a new person, " +
            "enrolled through the registry's EnrollFace (atomic script, acknowledged after Redis's AOF fsync), 32 calls in flight; " +
            "faces enrolled by section 1's faceEnroll rows are extra. Queries: fresh perturbations of the same embeddings.");
        run.Line();
    }

    private static void Add(BenchRun run, MarkdownTable table, int size, string path, LatencySamples samples)
    {
        table.Add(Int(size), path, Ms(samples.P50), Ms(samples.P99), Ms(samples.Mean), Int(samples.Count));
        run.Report.Search.Add(new SearchRow(size, path, samples.P50, samples.P99, samples.Mean, samples.Count));
    }
}
