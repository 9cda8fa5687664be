using System.Globalization;
using static Identities.RegistryBenchmarks.MarkdownTable;

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
        context.Line($"## d. {target:N0} faces ({config})");
        context.Line();
        var probe = new CpuProbe();
        await using var server = await RedisProcess.StartVolatileAsync();
        // Keep time for the searches after the load (about 8 minutes at 1M).
        var reserve = TimeSpan.FromMinutes(settings.Quick ? 0.5 : 8);
        var limit = context.Remaining - reserve;
        if (limit > settings.BigLoadLimit)
        {
            limit = settings.BigLoadLimit;
        }
        if (limit < TimeSpan.FromMinutes(settings.Quick ? 0.5 : 5))
        {
            limit = TimeSpan.FromMinutes(settings.Quick ? 0.5 : 5);
        }
        context.Log($"d. loading up to {target:N0} faces, at most {limit.TotalMinutes:F1} min");
        Shard[] shards = [new(server, "d")];
        var before = await server.UsedMemoryAsync();
        var load = await VectorLoader.LoadAsync(shards, context.Data, 0, target, config, limit, progressLabel: "d. load");
        var n = load.Faces;
        var used = (double)(await server.UsedMemoryAsync() - before) / n;
        var usage = (double)await server.KeyMemoryAsync("d") / n;
        var cardinality = await server.CardinalityAsync("d");

        var summary = new MarkdownTable("faces loaded", "seconds", "faces/s (average)", "Redis CPU ms/VADD", "main ms/VADD",
            "used_memory/face", "MEMORY USAGE/face", "used_memory total", "others");
        summary.Add($"{Int(n)} (VCARD {Int(cardinality)})", Number(load.Seconds, 0), Number(load.Rate, 0), Number(load.CpuMsPerFace, 2),
            Number(load.MainThreadMsPerFace, 2), Number(used, 0) + " B", Number(usage, 0) + " B", Bytes(used * n), Percent(load.OtherShare));
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
        if (load.StoppedByDeadline)
        {
            var last = load.Checkpoints.Count >= 2 ? load.Checkpoints[^2] : (Faces: 0, Seconds: 0.0);
            var lastRate = (n - last.Faces) / (load.Seconds - last.Seconds);
            var rest = (target - n) / lastRate;
            context.Line($"**The load stopped after {load.Seconds / 60:F1} min at {n:N0} faces** (limit {limit.TotalMinutes:F1} min). " +
                $"EXTRAPOLATION, not a measurement: at the last stretch's {lastRate:F0} faces/s the remaining {target - n:N0} would take " +
                $"{rest / 60:F0} min more, {(load.Seconds + rest) / 60:F0} min in all; the rate keeps falling as the graph grows, so this is " +
                "a lower bound. The searches below are on the partial set.");
            context.Line();
        }

        var queries = context.Data.Queries(n, settings.BigQueries, stream: 3);
        var exact = context.Exact(queries, n).Index;
        var truth = await SearchRunner.TruthAsync(shards, queries, settings.BigTruthQueries, parallel: 2, settings.BigTruthCap);
        context.Log($"d. TRUTH: {truth.Done} queries in {truth.Seconds:F0} s");
        context.Line($"Searches over the {n:N0} faces ({queries.Count} queries per row; TRUTH, a linear scan in Redis, over the first " +
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
        context.Report(probe, "Section d");
    }
}
