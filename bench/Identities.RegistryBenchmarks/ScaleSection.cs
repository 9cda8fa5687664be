using System.Diagnostics;
using Identities.Registry;
using Identities.Registry.Storage;
using Microsoft.Extensions.Options;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section b: a gallery of ScaleFaces faces through the registry's own code, per index configuration the registry offers
/// (its default BIN with FP32 re-rank, NOQUANT, Q8 with re-rank): each filled by FaceStore.EnrollAsync on a fresh Redis
/// (one shard, no AOF: the index, not the disk) and searched by VectorSearch.SearchAsync with 1, 2 and 4 concurrent
/// clients: enrollments/s and Redis CPU per enrollment, used_memory per face, search p50/p99, queries/s, recall@1 against
/// exact float32 search and the right person.
/// </summary>
internal static class ScaleSection
{
    private const int Callers = 16;

    private static readonly (string Label, Func<RegistryOptions, RegistryOptions> Configure)[] Configurations =
    [
        ("registry default", o => o),
        ("NOQUANT, no re-rank", o => { o.Quantization = "NOQUANT"; o.RerankCandidates = 0; return o; }),
        ("Q8, re-rank", o => { o.Quantization = "Q8"; return o; }),
    ];

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var n = settings.ScaleFaces;
        context.Line($"## b. {n:N0} faces through FaceStore and VectorSearch, per index configuration");
        context.Line();
        var probe = BenchRedis.StartProbe();
        var queries = context.Data.Queries(n, settings.ScaleQueries, stream: 1);
        var exact = context.Exact(queries, n);
        var defaults = new RegistryOptions();
        context.Line($"Each configuration on its own fresh redis-server (persistence off), Registry:Shards = 1, loaded by {Callers} concurrent callers " +
            $"(5 faces per person); registry defaults otherwise (M {defaults.MaxLinks}, build EF {BuildEf(defaults)}, search EF " +
            $"{defaults.SearchExplorationFactor}, re-rank {defaults.RerankCandidates}). Searches: {queries.Count} new photos of enrolled persons, " +
            "k = 1, split over the clients; clients share the registry's search connections, as in the service.");
        context.Line();
        var loads = new MarkdownTable("configuration", "faces", "enrollments/s", "Redis CPU ms/enrollment", "used_memory/face").AlignLeft(0);
        var searches = new MarkdownTable("configuration", "clients", "queries/s", "p50 ms", "p99 ms", "Redis CPU ms/query",
            "recall@1 vs exact float32", "right person").AlignLeft(0);
        foreach (var (label, configure) in Configurations)
        {
            await using var server = await BenchRedis.StartAsync(durable: false);
            var options = configure(new RegistryOptions
            {
                Redis = server.ConnectionString, Shards = 1, WaitForAof = false, OperationTimeoutMilliseconds = 60_000,
            });
            await using var connection = new RedisConnection(Options.Create(options));
            await connection.StartAsync(CancellationToken.None);
            var store = RegistryStores.FaceStore(connection, options);
            var search = new VectorSearch(connection, new ModelDimensions(connection, Options.Create(options)), Options.Create(options));

            var memory = await server.UsedMemoryAsync();
            var cpu = await server.CpuAsync();
            var load = await RegistryLoader.EnrollAsync(store, context.Data, 0, n, Callers);
            var cpuPerEnrollment = (await server.CpuAsync() - cpu).Total * 1000 / load.Faces;
            var memoryPerFace = (double)(await server.UsedMemoryAsync() - memory) / load.Faces;
            loads.Add(label, Int(load.Faces), Number(load.Rate, 0), Number(cpuPerEnrollment, 2), Number(memoryPerFace, 0) + " B");
            context.Log($"b. {label}: {load.Faces:N0} faces at {load.Rate:F0}/s");

            foreach (var clients in new[] { 1, 2, 4 })
            {
                var queryCpu = await server.CpuAsync();
                var run = await SearchAsync(search, queries, clients);
                var cpuPerQuery = (await server.CpuAsync() - queryCpu).Total * 1000 / queries.Count;
                int recall = 0, person = 0;
                for (var q = 0; q < queries.Count; q++)
                {
                    if (run.Top1[q] is { } faceId && load.IndexOf.TryGetValue(faceId, out var index))
                    {
                        recall += index == exact.Index[q] ? 1 : 0;
                        person += index / FaceData.FacesPerIdentity == queries.IdentityOf[q] ? 1 : 0;
                    }
                }
                searches.Add(label, Int(clients), Number(queries.Count / run.Seconds, 0), Ms(Percentiles.OfSorted(run.SortedLatencies, 50)),
                    Ms(Percentiles.OfSorted(run.SortedLatencies, 99)), Number(cpuPerQuery, 2),
                    Number((double)recall / queries.Count, 3), Number((double)person / queries.Count, 3));
            }
        }
        loads.Write(context.Output);
        searches.Write(context.Output);
        context.Report(probe, "Section b");
    }

    /// <summary>Every query once, k = 1, by <paramref name="clients"/> concurrent callers of the registry's VectorSearch.</summary>
    private static async Task<(string?[] Top1, double[] SortedLatencies, double Seconds)> SearchAsync(VectorSearch search, QuerySet queries, int clients)
    {
        var top1 = new string?[queries.Count];
        var latencies = new double[queries.Count];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int q;
            while ((q = Interlocked.Increment(ref next)) < queries.Count)
            {
                var t0 = Stopwatch.GetTimestamp();
                var hits = (await search.SearchAsync([queries.Vector(q)], RegistryLoader.Model, 1, -1))[0];
                latencies[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                top1[q] = hits.Count > 0 ? hits[0].FaceId : null;
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Array.Sort(latencies);
        return (top1, latencies, seconds);
    }

    /// <summary>Build EF as the report says it: 0 leaves VADD's own default.</summary>
    internal static string BuildEf(RegistryOptions options) =>
        options.BuildExplorationFactor == 0 ? "Redis's default" : options.BuildExplorationFactor.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
