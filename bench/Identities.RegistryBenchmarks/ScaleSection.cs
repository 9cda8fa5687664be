using static Identities.RegistryBenchmarks.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section b: a 100k gallery in the chosen insert configuration, the registry's NOQUANT default and Q8: load
/// rate, memory per face, VSIM latency (1, 2, 4 clients) and recall@1 for several search EFs.
/// </summary>
internal static class ScaleSection
{
    public static async Task<RedisProcess> RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var n = settings.ScaleFaces;
        var chosen = context.Chosen ?? throw new InvalidOperationException("No insert configuration chosen.");
        context.Line($"## b. {n:N0} faces: latency, recall and memory");
        context.Line();
        var probe = new CpuProbe();
        var server = await RedisProcess.StartVolatileAsync();
        var sets = new List<(string Label, InsertConfig Config)> { ("chosen", chosen) };
        var registry = chosen with { Quant = "NOQUANT", Ef = 0, M = 0, Reduce = 0 };
        var q8 = chosen with { Quant = "Q8", Ef = 0, M = 0, Reduce = 0 };
        foreach (var (label, config) in new[] { ("registry default (NOQUANT)", registry), ("Q8 default", q8) })
        {
            if (sets.All(s => s.Config.Parameters != config.Parameters))
            {
                sets.Add((label, config));
            }
        }

        context.Line("Loads (one redis-server, persistence off; every set loaded with the chosen client side). Memory: INFO " +
            "used_memory delta over the load, and MEMORY USAGE of the key, per face (element names are 36-character ids " +
            "and each has a {\"person\": id} attribute, as in the registry).");
        context.Line();
        var loads = new MarkdownTable("set", "VADD options", "client", "faces", "seconds", "faces/s", "Redis CPU ms/VADD",
            "main ms/VADD", "used_memory/face", "MEMORY USAGE/face", "others").AlignLeft(0, 1, 2);
        var keys = new List<(string Label, string Key)>();
        for (var s = 0; s < sets.Count; s++)
        {
            var (label, config) = sets[s];
            var key = $"b:{s}";
            var before = await server.UsedMemoryAsync();
            var load = await VectorLoader.LoadAsync([new Shard(server, key)], context.Data, 0, n, config, progressLabel: $"b. {label}");
            var used = (double)(await server.UsedMemoryAsync() - before) / load.Faces;
            var usage = (double)await server.KeyMemoryAsync(key) / load.Faces;
            loads.Add(label, config.Parameters, config.Transport, Int(load.Faces), Number(load.Seconds, 0), Number(load.Rate, 0),
                Number(load.CpuMsPerFace, 2), Number(load.MainThreadMsPerFace, 2), Number(used, 0) + " B", Number(usage, 0) + " B",
                Percent(load.OtherShare));
            keys.Add((label, key));
            context.Log($"b. loaded {label}: {load.Rate:F0} faces/s");
        }
        loads.Write(context.Output);

        var queries = context.Data.Queries(n, settings.ScaleQueries, stream: 1);
        var exact = context.Exact(queries, n).Index;
        context.Line($"Searches: VSIM FP32 WITHSCORES COUNT {SearchRunner.Count} [EF e], {queries.Count} queries per row; " +
            $"TRUTH over the first {settings.ScaleTruthQueries}. Default search EF is 100 in Redis 8.0's vector sets. " +
            "'1 shared' = all clients on one multiplexer, as the registry does.");
        context.Line();
        var table = SearchTables.Create("set");
        for (var s = 0; s < keys.Count; s++)
        {
            var (label, key) = keys[s];
            Shard[] shards = [new(server, key)];
            var truth = await SearchRunner.TruthAsync(shards, queries, settings.ScaleTruthQueries, parallel: 2, TimeSpan.FromMinutes(5));
            context.Log($"b. TRUTH for {label}: {truth.Done} queries in {truth.Seconds:F0} s");
            if (s == 0)
            {
                context.ScaleGallery = (server, key, truth.Top1);
            }
            int[] efs = s == 0 ? [0, 50, 100, 200, 500] : [0, 200, 500];
            foreach (var ef in efs)
            {
                await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, ef, 1, false, exact, truth.Top1);
            }
            await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 2, false, exact, truth.Top1);
            await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 4, false, exact, truth.Top1);
            await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 4, true, exact, truth.Top1);
        }
        table.Write(context.Output);
        context.Report(probe, "Section b");
        return server;
    }
}
