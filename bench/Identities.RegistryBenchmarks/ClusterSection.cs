using System.Diagnostics;
using Identities.Registry;
using Identities.Registry.Storage;
using Identities.Testing;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section h: the gallery on a Redis Cluster (3 masters, 3 replicas on loopback, `scripts/redis.sh cluster-start`:
/// AOF with appendfsync always) through the registry's own FaceStore and VectorSearch at every registry default
/// (Registry:Shards 16, BIN, M 32, search EF 200, re-rank 50, WAITAOF 1 1). At each size of --cluster-sizes: the
/// stretch's enrollment rate and Redis CPU per enrollment (masters, and their replicas' copy), then queries (new photos
/// of enrolled persons, one client): right person, exact top-1, latency, Redis CPU per query, memory per face.
/// </summary>
internal static class ClusterSection
{
    private const int Callers = 32;

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var sizes = settings.ClusterSizes.Where(s => s <= context.Data.Count).Order().ToArray();
        context.Line("## h. The gallery on a Redis Cluster (3 masters, 3 replicas), through FaceStore and VectorSearch");
        context.Line();
        await using var cluster = await RedisCluster.StartAsync(nodeTimeoutMilliseconds: 15_000);
        // A generous timeout: on a shared machine one enrollment can wait seconds behind other work.
        var options = new RegistryOptions { Redis = cluster.ConnectionString, OperationTimeoutMilliseconds = 60_000, AofTimeoutMilliseconds = 60_000 };
        await using var connection = new RedisConnection(Options.Create(options));
        await connection.StartAsync(CancellationToken.None);
        await using var admin = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString + ",allowAdmin=true");
        var nodes = new ClusterNodes(admin);
        var store = RegistryStores.FaceStore(connection, options);
        var search = RegistryStores.VectorSearch(connection, options);
        context.Line($"Registry defaults: {options.Shards} shards, {options.Quantization}, M {options.MaxLinks}, search EF {options.SearchExplorationFactor}, " +
            $"re-rank {options.RerankCandidates}, WAITAOF {options.AofLocal} {options.AofReplicas}, {options.SearchConnections} search connections. " +
            $"Cluster: 3 masters with one replica each, AOF appendfsync always, all on this machine's {Environment.ProcessorCount} cores " +
            $"(with the benchmark process). Enrollment: {Callers} concurrent callers, 5 faces per person. Queries: {settings.ShardSizeQueries} " +
            "new photos of enrolled persons per size, one client; each is one VSIM per shard at once, merged by exact cosine.");
        context.Line();

        var table = new Identities.BenchCommon.MarkdownTable(
            "faces", "enrollments/s (this stretch)", "CPU ms/enrollment: masters", "replicas", "search p50 ms", "p99 ms",
            "masters' CPU ms/query", "right person", "top-1 = exact", "memory/face (masters)");
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var loaded = 0;
        var refused = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(settings.LoadLimit.TotalSeconds * Stopwatch.Frequency);
        try
        {
            foreach (var size in sizes)
            {
                var cpu = await nodes.CpuAsync();
                var started = Stopwatch.GetTimestamp();
                var load = await RegistryLoader.EnrollAsync(store, context.Data, loaded, size, Callers, deadline: deadline,
                    progress: n => context.Log($"h. {n:N0} faces"), failed: ex =>
                    {
                        Interlocked.Increment(ref refused);
                        context.Log($"h. an enrollment was refused and is tried again: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                    });
                var reached = load.Reached;
                foreach (var (faceId, index) in load.IndexOf)
                {
                    indexOf[faceId] = index;
                }
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                var after = await nodes.CpuAsync();
                var enrolled = Math.Max(1, reached - loaded);
                var rate = (reached - loaded) / seconds;
                context.Log($"h. {reached:N0} faces loaded ({rate:F0}/s over this stretch)");
                loaded = reached;
                if (reached < size)
                {
                    context.Log($"h. load time limit reached at {reached:N0} faces; measuring there and stopping");
                }
                var queries = context.Data.Queries(loaded, settings.ShardSizeQueries, stream: 8000 + sizes.Length);
                var exact = context.Exact(queries, loaded);
                var queryCpu = await nodes.CpuAsync();
                var probe = await SearchProbe.RunAsync(search, queries, exact.Index, indexOf);
                var cpuPerQuery = ((await nodes.CpuAsync()).Masters - queryCpu.Masters) * 1000 / queries.Count;
                var memory = await nodes.MasterMemoryAsync();
                table.Add(Int(loaded), Number(rate, 0), Number((after.Masters - cpu.Masters) * 1000 / enrolled, 2),
                    Number((after.Replicas - cpu.Replicas) * 1000 / enrolled, 2), Ms(probe.P50),
                    Ms(probe.P99), Number(cpuPerQuery, 2), Number(probe.RightPerson, 3), Number(probe.ExactTop1, 3), Bytes(memory / Math.Max(1, loaded)));
                context.Log($"h. {loaded:N0}: right person {probe.RightPerson:F3}, top-1 = exact {probe.ExactTop1:F3}, " +
                    $"p50 {probe.P50:F2} ms, p99 {probe.P99:F2} ms, {cpuPerQuery:F2} ms CPU/query");
                if (reached < size)
                {
                    break;
                }
            }
        }
        catch
        {
            LogNodes(context, cluster);
            throw;
        }
        table.Write(context.Output);
        context.Line();
        if (refused > 0)
        {
            context.Line($"{refused:N0} enrollment attempts were refused by the cluster and tried again (its nodes' logs are in the progress output).");
            context.Line();
            LogNodes(context, cluster);
        }
    }

    /// <summary>Each node's own log (loglevel warning), before the cluster and its folder are gone.</summary>
    private static void LogNodes(BenchContext context, RedisCluster cluster)
    {
        foreach (var log in Directory.EnumerateFiles(cluster.Directory, "redis.log", SearchOption.AllDirectories))
        {
            context.Log($"h. {log}:");
            foreach (var line in File.ReadLines(log).TakeLast(40))
            {
                context.Log("    " + line);
            }
        }
    }
}
