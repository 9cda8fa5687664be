using System.Globalization;
using StackExchange.Redis;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section d: the big gallery (1M faces) in the chosen insert configuration: load time and rate as the graph
/// grows, memory per face, VSIM latency and recall@1 per search EF. The load stops early (and the rest is
/// extrapolated, labelled as such) past 35 minutes or when the run's budget would be exceeded.
/// </summary>
internal static class BigSection
{
    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var target = settings.BigFaces;
        var config = context.Chosen ?? throw new InvalidOperationException("No insert configuration chosen.");
        var shardCount = settings.BigShards;
        context.Line($"## d. {target:N0} faces ({config}{(shardCount > 1 ? $"; {shardCount} keys of one redis-server, queried in parallel" : "")})");
        context.Line();
        var probe = RedisProcess.StartProbe();
        // Section b's set in the chosen configuration is the first faces of this one: keep loading into it.
        var continued = shardCount == 1 && context.ScaleGallery is { } gallery && gallery.Config == config && gallery.Load.Faces == settings.ScaleFaces
            && !gallery.Load.StoppedByDeadline ? gallery : null;
        var ownServer = continued is null ? await RedisProcess.StartVolatileAsync() : null;
        var server = continued?.Server ?? ownServer!;
        try
        {
            var key = continued?.Key ?? "d";
            var baseline = continued?.BaselineMemory ?? await server.UsedMemoryAsync();
            if (continued is not null)
            {
                // Only this set stays on the server, so used_memory is its footprint.
                foreach (var other in (RedisResult[])(await server.Admin.ExecuteAsync("KEYS", "*"))!)
                {
                    if ((string?)other != key)
                    {
                        await server.Admin.ExecuteAsync("DEL", (string)other!);
                    }
                }
            }
            var first = continued?.Load;
            var done = first?.Faces ?? 0;
            // Keep time for the searches after the load (about 3 minutes at 300k, 6 at 1M), and at most 35 minutes of loading.
            var reserve = TimeSpan.FromMinutes(settings.Quick ? 0.5 : 4);
            var limit = context.Remaining - reserve;
            var loadCap = settings.BigLoadLimit - TimeSpan.FromSeconds(first?.Seconds ?? 0);
            if (limit > loadCap)
            {
                limit = loadCap;
            }
            var minimum = TimeSpan.FromMinutes(settings.Quick ? 0.5 : 5);
            if (limit < minimum)
            {
                limit = minimum;
            }
            context.Log($"d. loading faces {done:N0}..{target:N0} into {key}, at most {limit.TotalMinutes:F1} min");
            var shards = shardCount == 1
                ? [new Shard(server, key, config.Rerank)]
                : Enumerable.Range(0, shardCount).Select(i => new Shard(server, $"{key}:{i}", config.Rerank)).ToArray();
            var rest = await VectorLoader.LoadAsync(shards, context.Data, done, target, config, limit, progressLabel: "d. load");
            var load = Combine(first, rest);
            var n = load.Faces;
            var used = (double)(await server.UsedMemoryAsync() - baseline) / n;
            long keyBytes = 0;
            long cardinality = 0;
            foreach (var shard in shards)
            {
                keyBytes += await server.KeyMemoryAsync(shard.Key);
                cardinality += await server.CardinalityAsync(shard.Key);
            }
            var usage = (double)keyBytes / n;
            if (cardinality != n)
            {
                throw new InvalidOperationException($"VCARD {cardinality} but {n} faces loaded.");
            }

            if (first is not null)
            {
                context.Line($"The first {first.Faces:N0} faces are section b's set with these VADD options (loaded there); this section " +
                    $"added the rest to the same key. Time and CPU below cover both parts.");
                context.Line();
            }
            var summary = new MarkdownTable("faces loaded", "seconds", "faces/s (average)", "Redis CPU ms/VADD", "main ms/VADD",
                "used_memory/face", "MEMORY USAGE/face", "used_memory total", "others (this section's part)");
            summary.Add(Int(n), Number(load.Seconds, 0), Number(load.Rate, 0), Number(load.CpuMsPerFace, 2),
                Number(load.MainThreadMsPerFace, 2), Number(used, 0) + " B", Number(usage, 0) + " B", Bytes(used * n), Percent(rest.OtherShare));
            summary.Write(context.Output);

            // Rate as the graph grows.
            var segments = new MarkdownTable("faces", "seconds", "faces/s in this stretch");
            var previous = (Faces: 0, Seconds: 0.0);
            foreach (var point in load.Checkpoints)
            {
                if (point.Faces > previous.Faces)
                {
                    segments.Add($"{Int(previous.Faces)}-{Int(point.Faces)}", Number(point.Seconds - previous.Seconds, 0),
                        Number((point.Faces - previous.Faces) / (point.Seconds - previous.Seconds), 0));
                    previous = point;
                }
            }
            segments.Write(context.Output);
            if (n < target)
            {
                var last = load.Checkpoints.Count >= 2 ? load.Checkpoints[^2] : (Faces: 0, Seconds: 0.0);
                var lastRate = (n - last.Faces) / (load.Seconds - last.Seconds);
                var remaining = (target - n) / lastRate;
                context.Line($"**The load stopped after {load.Seconds / 60:F1} min at {n:N0} faces** (time limit). " +
                    $"EXTRAPOLATION, not a measurement: at the last stretch's {lastRate:F0} faces/s the remaining {target - n:N0} would take " +
                    $"{remaining / 60:F0} min more, {(load.Seconds + remaining) / 60:F0} min in all; the rate keeps falling as the graph grows, " +
                    "so this is a lower bound. The searches below are on the partial set.");
                context.Line();
            }
            await SearchAsync(context, shards, n);
        }
        finally
        {
            if (ownServer is not null)
            {
                await ownServer.DisposeAsync();
            }
        }
        context.Report(probe, "Section d");
    }

    private static async Task SearchAsync(BenchContext context, Shard[] shards, int n)
    {
        var settings = context.Settings;
        var queries = context.Data.Queries(n, settings.BigQueries, stream: 3);
        var exact = context.Exact(queries, n).Index;
        // TRUTH scans the quantized vectors: no reference for answers re-ranked in FP32.
        var truth = shards[0].Rerank > 0
            ? ([], 0, 0)
            : await SearchRunner.TruthAsync(shards, queries, settings.BigTruthQueries, parallel: 2, settings.BigTruthCap);
        context.Log($"d. TRUTH: {truth.Done} queries in {truth.Seconds:F0} s");
        context.Line(truth.Done == 0
            ? $"Searches over the {n:N0} faces ({queries.Count} queries per row; answers re-ranked on FP32 copies, so no TRUTH run: " +
              "it would scan the quantized vectors):"
            : $"Searches over the {n:N0} faces ({queries.Count} queries per row; TRUTH, a linear scan in Redis, over the first " +
              $"{truth.Done} of them, which took {truth.Seconds:F0} s with 2 clients):");
        context.Line();
        var table = SearchTables.Create("set");
        var label = $"{n / 1000:N0}k";
        var results = new List<(int Ef, SearchResult Result)>();
        foreach (var ef in new[] { 0, 50, 200, 500 })
        {
            results.Add((ef, await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, ef, 1, false, exact, truth.Top1)));
        }
        if (results[^1].Result.ExactHits < 0.99 * queries.Count)
        {
            results.Add((1000, await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 1000, 1, false, exact, truth.Top1)));
        }
        await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 2, false, exact, truth.Top1);
        await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 4, false, exact, truth.Top1);
        await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 4, true, exact, truth.Top1);
        // The smallest EF that reaches recall@1 >= 0.99 against exact search, under concurrency too.
        var enough = results.Where(r => r.Result.ExactHits >= 0.99 * queries.Count).OrderBy(r => r.Ef == 0 ? 100 : r.Ef).FirstOrDefault();
        if (enough.Result is not null && enough.Ef is not 0 and not 100)
        {
            await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, enough.Ef, 2, false, exact, truth.Top1);
            await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, enough.Ef, 4, false, exact, truth.Top1);
        }
        table.Write(context.Output);
        context.Line(enough.Result is null
            ? "No search EF tried reached recall@1 >= 0.99 against exact search."
            : $"Smallest search EF with recall@1 >= 0.99 against exact search: {SearchTables.Ef(enough.Ef)} " +
              $"(p50 {enough.Result.P50.ToString("F2", CultureInfo.InvariantCulture)} ms, p99 {enough.Result.P99.ToString("F2", CultureInfo.InvariantCulture)} ms, 1 client).");
        context.Line();
    }

    /// <summary>The two parts of a load as one (the first part's checkpoints reduced to its end).</summary>
    private static LoadResult Combine(LoadResult? first, LoadResult rest)
    {
        if (first is null)
        {
            return rest;
        }
        var checkpoints = new List<(int Faces, double Seconds)> { (first.Faces, first.Seconds) };
        checkpoints.AddRange(rest.Checkpoints.Select(c => (first.Faces + c.Faces, first.Seconds + c.Seconds)));
        return new LoadResult(first.Faces + rest.Faces, first.Seconds + rest.Seconds, first.Cpu + rest.Cpu, rest.OtherShare,
            rest.StoppedByDeadline, checkpoints);
    }
}
