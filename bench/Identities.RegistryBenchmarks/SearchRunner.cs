using System.Diagnostics;
using System.Globalization;
using Identities.Registry.Storage;
using StackExchange.Redis;

namespace Identities.RegistryBenchmarks;

/// <summary>What a search run measured (latency per query as the client sees it, fan-out and merge included).</summary>
internal sealed record SearchResult(
    int Queries, double P50, double P99, double Mean, double Qps, int ExactHits, int TruthHits, int TruthTotal,
    int IdentityHits, double CpuMsPerQuery, double? OtherShare);

/// <summary>VSIM runs: latency percentiles, throughput and recall@1, over one or several shards.</summary>
internal static class SearchRunner
{
    public const int Count = 10;

    /// <summary>
    /// Sends the first `limit` queries, split over `clients` concurrent clients, each query to every shard at
    /// once (parallel fan-out), merging the replies by score. With sharedConnection, all clients and shards
    /// of a server use one multiplexer (as the registry does); otherwise each client has one per shard.
    /// A module-blocked client (threaded VSIM) makes Redis serve one command at a time per connection.
    /// </summary>
    public static async Task<SearchResult> RunAsync(
        IReadOnlyList<Shard> shards, QuerySet queries, int limit, int ef, int clients, bool sharedConnection,
        int[] exactTop1, int[]? truthTop1)
    {
        limit = Math.Min(limit, queries.Count);
        var blobs = Enumerable.Range(0, limit).Select(queries.Blob).ToArray();
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            var databases = new IDatabase[clients][];
            var shared = new Dictionary<RedisProcess, IDatabase>();
            if (sharedConnection)
            {
                foreach (var server in shards.Select(s => s.Server).Distinct())
                {
                    var connection = await server.ConnectAsync();
                    connections.Add(connection);
                    shared[server] = connection.GetDatabase();
                }
            }
            for (var c = 0; c < clients; c++)
            {
                databases[c] = new IDatabase[shards.Count];
                for (var s = 0; s < shards.Count; s++)
                {
                    if (sharedConnection)
                    {
                        databases[c][s] = shared[shards[s].Server];
                    }
                    else
                    {
                        var connection = await shards[s].Server.ConnectAsync();
                        connections.Add(connection);
                        databases[c][s] = connection.GetDatabase();
                    }
                }
            }

            // Warm-up (not measured): a few queries per client.
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
            {
                for (var q = 0; q < Math.Min(10, limit); q++)
                {
                    await QueryAsync(databases[c], shards, blobs[q], ef, truth: false, Count, queries.Vector(q));
                }
            }));

            var latencies = new double[limit];
            var top1 = new int[limit];
            var servers = shards.Select(s => s.Server).Distinct().ToArray();
            var cpuBefore = await VectorLoader.SumCpuAsync(servers);
            var probe = RedisProcess.StartProbe();
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                for (var q = c; q < limit; q += clients)
                {
                    var t0 = Stopwatch.GetTimestamp();
                    var hits = await QueryAsync(databases[c], shards, blobs[q], ef, truth: false, Count, queries.Vector(q));
                    latencies[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    top1[q] = hits.Count > 0 ? hits[0].Index : -1;
                }
            })));
            var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = await VectorLoader.SumCpuAsync(servers) - cpuBefore;
            var other = probe.OtherShare();

            var exactHits = 0;
            var truthHits = 0;
            var truthTotal = 0;
            var identityHits = 0;
            for (var q = 0; q < limit; q++)
            {
                exactHits += top1[q] == exactTop1[q] ? 1 : 0;
                identityHits += top1[q] >= 0 && top1[q] / FaceData.FacesPerIdentity == queries.IdentityOf[q] ? 1 : 0;
                if (truthTop1 is not null && q < truthTop1.Length && truthTop1[q] >= 0)
                {
                    truthTotal++;
                    truthHits += top1[q] == truthTop1[q] ? 1 : 0;
                }
            }
            Array.Sort(latencies);
            return new SearchResult(limit, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Average(), limit / wall,
                exactHits, truthHits, truthTotal, identityHits, cpu.Total * 1000 / limit, other);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// VSIM ... TRUTH (linear scan over the stored vectors) top-1 per query, merged over the shards, with
    /// `parallel` clients; stops after `cap`. Queries not reached are -1.
    /// </summary>
    public static async Task<(int[] Top1, int Done, double Seconds)> TruthAsync(
        IReadOnlyList<Shard> shards, QuerySet queries, int limit, int parallel, TimeSpan cap)
    {
        limit = Math.Min(limit, queries.Count);
        var top1 = Enumerable.Repeat(-1, limit).ToArray();
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            var databases = new IDatabase[parallel][];
            for (var c = 0; c < parallel; c++)
            {
                databases[c] = new IDatabase[shards.Count];
                for (var s = 0; s < shards.Count; s++)
                {
                    var connection = await shards[s].Server.ConnectAsync();
                    connections.Add(connection);
                    databases[c][s] = connection.GetDatabase();
                }
            }
            var started = Stopwatch.GetTimestamp();
            var next = -1;
            var done = 0;
            await Task.WhenAll(Enumerable.Range(0, parallel).Select(c => Task.Run(async () =>
            {
                while (Stopwatch.GetElapsedTime(started) < cap)
                {
                    var q = Interlocked.Increment(ref next);
                    if (q >= limit)
                    {
                        break;
                    }
                    var hits = await QueryAsync(databases[c], shards, queries.Blob(q), ef: 0, truth: true, count: 1, query: null);
                    top1[q] = hits.Count > 0 ? hits[0].Index : -1;
                    Interlocked.Increment(ref done);
                }
            })));
            // Only a prefix counts, so the compared query sets are the same for every configuration.
            var prefix = 0;
            while (prefix < limit && top1[prefix] >= 0)
            {
                prefix++;
            }
            return (top1[..prefix], prefix, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// One search: VSIM on every shard at once, merged by score. A re-ranking shard (and not TRUTH) asks for its
    /// Rerank candidates, fetches their FP32 copies in one pipelined round trip per shard and orders them by exact
    /// cosine with the query, as the registry does for quantized sets.
    /// </summary>
    private static async Task<List<(int Index, double Score)>> QueryAsync(
        IDatabase[] databases, IReadOnlyList<Shard> shards, byte[] blob, int ef, bool truth, int count, float[]? query)
    {
        var rerank = !truth && query is not null ? shards[0].Rerank : 0;
        var candidates = Math.Max(count, rerank);
        List<(int Index, double Score)> merged;
        if (shards.Count == 1)
        {
            merged = Parse(await databases[0].ExecuteAsync("VSIM", Arguments(shards[0].Key, blob, ef, truth, candidates)));
        }
        else
        {
            var replies = new Task<RedisResult>[shards.Count];
            for (var s = 0; s < shards.Count; s++)
            {
                replies[s] = databases[s].ExecuteAsync("VSIM", Arguments(shards[s].Key, blob, ef, truth, candidates));
            }
            merged = new List<(int Index, double Score)>(candidates * shards.Count);
            foreach (var reply in replies)
            {
                merged.AddRange(Parse(await reply));
            }
            merged.Sort((a, b) => b.Score.CompareTo(a.Score));
        }
        if (rerank > 0)
        {
            merged = await RerankAsync(databases[0], merged, query!);
        }
        if (merged.Count > count)
        {
            merged.RemoveRange(count, merged.Count - count);
        }
        return merged;
    }

    private static async Task<List<(int Index, double Score)>> RerankAsync(IDatabase database, List<(int Index, double Score)> hits, float[] query)
    {
        var copies = hits.Select(h => database.HashGetAsync(Shard.CopyKey(FaceData.Element(h.Index)), "v")).ToArray();
        var reranked = new List<(int Index, double Score)>(hits.Count);
        for (var i = 0; i < hits.Count; i++)
        {
            var stored = (byte[]?)await copies[i] ?? throw new InvalidOperationException($"No FP32 copy of face {hits[i].Index}.");
            reranked.Add((hits[i].Index, VectorBlob.Dot(VectorBlob.AsFloats(stored), query)));
        }
        reranked.Sort((a, b) => b.Score.CompareTo(a.Score));
        return reranked;
    }

    private static object[] Arguments(string key, byte[] blob, int ef, bool truth, int count)
    {
        var arguments = new List<object>(10) { key, "FP32", blob, "WITHSCORES", "COUNT", count };
        if (ef > 0)
        {
            arguments.Add("EF");
            arguments.Add(ef);
        }
        if (truth)
        {
            arguments.Add("TRUTH");
        }
        return [.. arguments];
    }

    /// <summary>RESP2 reply: element, score, element, score, ... (best first).</summary>
    private static List<(int Index, double Score)> Parse(RedisResult result)
    {
        var hits = new List<(int, double)>();
        if (result.IsNull)
        {
            return hits;
        }
        var items = (RedisResult[])result!;
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            hits.Add((FaceData.IndexOf((string)items[i]!), double.Parse((string)items[i + 1]!, CultureInfo.InvariantCulture)));
        }
        return hits;
    }

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
