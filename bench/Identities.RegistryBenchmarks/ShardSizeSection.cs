using System.Diagnostics;
using Identities.Registry;
using Identities.Registry.Storage;
using Microsoft.Extensions.Options;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section g: how recall holds as one shard grows, through the registry's own code. One vector set (Registry:Shards
/// = 1, every other option the registry's default: BIN, M 32, search EF 200, re-rank 50) is filled by
/// FaceStore.EnrollAsync (16 concurrent callers, 5 faces per person) and, at each size of --shard-sizes, searched by
/// VectorSearch.SearchAsync (one client, k = 1): recall@1 against exact float32 search, right person, latency and
/// Redis CPU per query. Redis runs without AOF here (WaitForAof off): this section measures the index, not the disk.
/// </summary>
internal static class ShardSizeSection
{
    private const int Callers = 16;

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var sizes = settings.ShardSizes.Where(s => s <= context.Data.Count).Order().ToArray();
        context.Line("## g. Shard size: recall against faces per vector set, through FaceStore and VectorSearch");
        context.Line();
        await using var server = await BenchRedis.StartAsync(durable: false);
        // A generous timeout: on a shared machine one enrollment can wait seconds behind other work.
        var options = new RegistryOptions { Redis = server.ConnectionString, Shards = 1, WaitForAof = false, OperationTimeoutMilliseconds = 60_000 };
        await using var connection = new RedisConnection(Options.Create(options));
        await connection.StartAsync(CancellationToken.None);
        var store = RegistryStores.FaceStore(connection, options);
        var search = RegistryStores.VectorSearch(connection, options);
        context.Line($"Registry defaults: {options.Quantization}, M {options.MaxLinks}, search EF {options.SearchExplorationFactor}, " +
            $"re-rank {options.RerankCandidates}; queries: {settings.ShardSizeQueries} new photos of enrolled persons per size, one client.");
        context.Line();

        var table = new Identities.BenchCommon.MarkdownTable(
            "faces in the set", "enrollments/s (this stretch)", "Redis CPU ms/enrollment", "search p50 ms", "p99 ms", "Redis CPU ms/query",
            "recall@1 vs exact float32", "right person");
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var loaded = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(settings.LoadLimit.TotalSeconds * Stopwatch.Frequency);
        foreach (var size in sizes)
        {
            var cpu = await server.CpuAsync();
            var started = Stopwatch.GetTimestamp();
            var load = await RegistryLoader.EnrollAsync(store, context.Data, loaded, size, Callers, deadline: deadline);
            var reached = load.Reached;
            foreach (var (faceId, index) in load.IndexOf)
            {
                indexOf[faceId] = index;
            }
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuPerEnroll = (await server.CpuAsync() - cpu).Total * 1000 / Math.Max(1, reached - loaded);
            var rate = (reached - loaded) / seconds;
            context.Log($"g. {reached:N0} faces loaded ({rate:F0}/s over this stretch)");
            loaded = reached;
            if (reached < size)
            {
                context.Log($"g. load time limit reached at {reached:N0} faces; measuring there and stopping");
            }
            var queries = context.Data.Queries(loaded, settings.ShardSizeQueries, stream: 7000 + sizes.Length);
            var exact = context.Exact(queries, loaded);
            var queryCpu = await server.CpuAsync();
            var probe = await SearchProbe.RunAsync(search, queries, exact.Index, indexOf);
            var cpuPerQuery = (await server.CpuAsync() - queryCpu).Total * 1000 / queries.Count;
            table.Add(Int(loaded), Number(rate, 0), Number(cpuPerEnroll, 2), Ms(probe.P50),
                Ms(probe.P99), Number(cpuPerQuery, 2), Number(probe.ExactTop1, 3), Number(probe.RightPerson, 3));
            context.Log($"g. {loaded:N0}: recall@1 {probe.ExactTop1:F3}, right person {probe.RightPerson:F3}");
            if (reached < size)
            {
                break;
            }
        }
        table.Write(context.Output);
        context.Line();
    }
}
