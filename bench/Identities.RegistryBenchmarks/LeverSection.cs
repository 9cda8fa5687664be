using static Identities.RegistryBenchmarks.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section a: which levers make VADD cheaper, each on a fresh vector set of the same faces: client side
/// (pipelining, connections, CAS), VADD options (EF, M, quantization, REDUCE), and combinations that are the
/// candidates for sections b-d. Recall@1 at this size ranks quality, it does not predict 1M.
/// </summary>
internal static class LeverSection
{
    private sealed record Row(string Group, InsertConfig Config);

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var n = settings.LeverFaces;
        context.Line($"## a. Insert levers ({n:N0} faces per row, each into a new vector set)");
        context.Line();
        context.Line("Each row loads the same faces into a fresh key of one redis-server (persistence off). Redis CPU is the " +
            "INFO cpu delta (used_cpu_sys + used_cpu_user; 'main' = the main thread only) divided by the faces. Recall " +
            $"over {settings.LeverQueries} queries at VSIM's default EF, COUNT 10. 'pipelined' rows: one connection, " +
            "no CAS, so the cost per VADD is all main-thread work.");
        context.Line();

        var pipelined = new InsertConfig("Q8", Connections: 1, InFlight: 128);
        var cas4 = new InsertConfig("Q8", Cas: true, Connections: 4, InFlight: 16);
        Row[] rows =
        [
            new("client", new InsertConfig("Q8", Connections: 1, InFlight: 1)),
            new("client", pipelined with { InFlight = 32 }),
            new("client", pipelined),
            new("client", pipelined with { Connections = 4, InFlight = 32 }),
            new("client", pipelined with { Cas = true }),
            new("client", cas4 with { Connections = 2 }),
            new("client", cas4),
            new("client", cas4 with { Connections = 8, InFlight = 8 }),
            new("VADD option", pipelined with { Ef = 100 }),
            new("VADD option", pipelined with { Ef = 50 }),
            new("VADD option", pipelined with { Ef = 32 }),
            new("VADD option", pipelined with { M = 8 }),
            new("VADD option", pipelined with { M = 32 }),
            new("VADD option", pipelined with { Quant = "NOQUANT" }),
            new("VADD option", pipelined with { Quant = "NOQUANT", Ef = 50 }),
            new("VADD option", pipelined with { Reduce = 256 }),
            new("VADD option", pipelined with { Reduce = 128 }),
            new("candidate", cas4 with { Quant = "NOQUANT" }),
            new("candidate", cas4 with { Quant = "NOQUANT", Ef = 100 }),
            new("candidate", cas4 with { Quant = "NOQUANT", Ef = 50 }),
            new("candidate", cas4 with { Ef = 100 }),
            new("candidate", cas4 with { Ef = 50 }),
        ];

        var probe = new CpuProbe();
        await using var server = await RedisProcess.StartVolatileAsync();
        var queries = context.Data.Queries(n, settings.LeverQueries, stream: 0);
        var exact = context.Exact(queries, n).Index;
        var table = new MarkdownTable("group", "VADD options", "client", "faces/s", "Redis CPU ms/VADD", "main ms/VADD",
            "recall@1 vs TRUTH", "top-1 = exact", "memory/face", "others").AlignLeft(0, 1, 2);
        var measured = new List<(Row Row, LoadResult Load, int Exact, int Truth, int TruthTotal)>();
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            var key = $"a:{r}";
            var memoryBefore = await server.UsedMemoryAsync();
            var load = await VectorLoader.LoadAsync([new Shard(server, key)], context.Data, 0, n, row.Config);
            var memory = (double)(await server.UsedMemoryAsync() - memoryBefore) / load.Faces;
            var shards = new[] { new Shard(server, key) };
            var truth = await SearchRunner.TruthAsync(shards, queries, queries.Count, parallel: 2, TimeSpan.FromMinutes(2));
            var search = await SearchRunner.RunAsync(shards, queries, queries.Count, ef: 0, clients: 1, sharedConnection: false, exact, truth.Top1);
            await server.Admin.ExecuteAsync("DEL", key);
            measured.Add((row, load, search.ExactHits, search.TruthHits, search.TruthTotal));
            table.Add(row.Group, row.Config.Parameters, row.Config.Transport, Number(load.Rate, 0), Number(load.CpuMsPerFace, 2),
                Number(load.MainThreadMsPerFace, 2), Ratio(search.TruthHits, search.TruthTotal), Ratio(search.ExactHits, search.Queries),
                Number(memory, 0) + " B", Percent(load.OtherShare));
            context.Log($"a. {row.Config}: {load.Rate:F0} faces/s, {load.CpuMsPerFace:F2} ms CPU/VADD, exact {search.ExactHits}/{search.Queries}");
        }
        table.Write(context.Output);

        // The configuration for sections b-d: the fastest candidate with recall@1 >= 0.99 against both TRUTH
        // and the exact float32 search; --insert overrides.
        var candidates = measured.Where(m => m.Row.Group == "candidate").ToList();
        var passing = candidates.Where(m => m.Exact >= 0.99 * queries.Count && m.Truth >= 0.99 * m.TruthTotal).ToList();
        var pick = passing.Count > 0 ? passing.MaxBy(m => m.Load.Rate) : candidates.MaxBy(m => m.Exact);
        if (settings.Insert is { } forced)
        {
            context.Chosen = forced;
            context.Line($"Insert configuration for sections b-d: **{forced}** (given with --insert).");
        }
        else
        {
            context.Chosen = pick.Row.Config;
            context.Line($"Insert configuration for sections b-d: **{pick.Row.Config}**: the fastest 'candidate' row with recall@1 >= 0.99 " +
                $"against both TRUTH and exact search here{(passing.Count == 0 ? " (none passed: the one with the best exact recall)" : "")}.");
        }
        context.Line();
        context.Report(probe, "Section a");
    }
}
