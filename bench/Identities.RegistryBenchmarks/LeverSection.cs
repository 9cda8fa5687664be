using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section a: which levers make VADD cheaper. Client-side levers (pipelining, connections, CAS) do not change
/// the graph, so they are measured as consecutive stretches of inserts into one set, at about the same size;
/// VADD options (EF, M, REDUCE, quantization) each get a fresh set of the same faces, with its recall@1.
/// Recall@1 at this size ranks quality; it does not predict 1M.
/// </summary>
internal static class LeverSection
{
    private sealed record Row(string Group, InsertConfig Config);


    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var n = settings.LeverFaces;
        var stretch = n / 8;
        var pipelined = new InsertConfig("Q8", Connections: 1, InFlight: 128);
        var cas4 = new InsertConfig("Q8", Cas: true, Connections: 4, InFlight: 16);
        context.Line($"## a. Insert levers ({n:N0} faces per set)");
        context.Line();
        context.Line($"One redis-server, persistence off. Redis CPU = INFO cpu delta (used_cpu_sys + used_cpu_user; 'main' = main thread " +
            $"only) / faces. 'client' rows: one set (Q8, EF 200, M 16) loaded with 1 connection x 128 in flight up to {n:N0} faces, " +
            $"then {stretch:N0} more faces per client setting, in the order shown, ending with the first setting again as a " +
            "control (the graph keeps growing, so compare each row with the control). Other rows: a fresh set of the same " +
            $"{n:N0} faces each, loaded with 1 connection x 128 in flight unless stated. Recall over {settings.LeverQueries} queries at " +
            "VSIM's default EF, COUNT 10.");
        context.Line();

        var probe = RedisProcess.StartProbe();
        await using var server = await RedisProcess.StartVolatileAsync();
        var queries = context.Data.Queries(n, settings.LeverQueries, stream: 0);
        var exact = context.Exact(queries, n).Index;
        var table = new MarkdownTable("group", "VADD options", "client", "faces (set size)", "faces/s", "Redis CPU ms/VADD", "main ms/VADD",
            "recall@1 vs TRUTH", "top-1 = exact", "memory/face", "others").AlignLeft(0, 1, 2);
        var stretches = new List<(InsertConfig Client, LoadResult Load)>();

        // Client side: stretches of one growing set.
        {
            var key = "a:client";
            var memoryBefore = await server.UsedMemoryAsync();
            var load = await VectorLoader.LoadAsync([new Shard(server, key)], context.Data, 0, n, pipelined);
            var memory = (double)(await server.UsedMemoryAsync() - memoryBefore) / load.Faces;
            var (exactHits, truthHits, truthTotal) = await RecallAsync(server, key, queries, exact);
            table.Add("client", pipelined.Parameters, pipelined.Transport, $"{Int(load.Faces)} (0-{Int(n)})", Number(load.Rate, 0),
                Number(load.CpuMsPerFace, 2), Number(load.MainThreadMsPerFace, 2), Ratio(truthHits, truthTotal), Ratio(exactHits, queries.Count),
                Number(memory, 0) + " B", Percent(load.OtherShare));
            InsertConfig[] clients =
            [
                new("Q8", Connections: 1, InFlight: 1),
                pipelined with { Connections = 4, InFlight = 32 },
                pipelined with { Cas = true },
                cas4 with { Connections = 2 },
                cas4,
                pipelined,
            ];
            var start = n;
            foreach (var client in clients)
            {
                var part = await VectorLoader.LoadAsync([new Shard(server, key)], context.Data, start, start + stretch, client);
                stretches.Add((client, part));
                table.Add("client", client.Parameters, client.Transport + (client == pipelined ? " (control)" : ""),
                    $"{Int(part.Faces)} ({Int(start)}-{Int(start + stretch)})", Number(part.Rate, 0), Number(part.CpuMsPerFace, 2),
                    Number(part.MainThreadMsPerFace, 2), "-", "-", "-", Percent(part.OtherShare));
                context.Log($"a. {client} at {start:N0}: {part.Rate:F0} faces/s, {part.CpuMsPerFace:F2} ms CPU/VADD");
                start += stretch;
            }
            await server.Admin.ExecuteAsync("DEL", key);
        }

        // VADD options and NOQUANT: a fresh set each.
        Row[] rows =
        [
            new("VADD option", pipelined with { Ef = 100 }),
            new("VADD option", pipelined with { Ef = 50 }),
            new("VADD option", pipelined with { Ef = 32 }),
            new("VADD option", pipelined with { M = 8 }),
            new("VADD option", pipelined with { M = 32 }),
            new("VADD option", pipelined with { Reduce = 256 }),
            new("VADD option", pipelined with { Reduce = 128 }),
            new("NOQUANT", pipelined with { Quant = "NOQUANT", Ef = 100 }),
            new("NOQUANT", pipelined with { Quant = "NOQUANT", Ef = 50 }),
            new("NOQUANT", pipelined with { Quant = "NOQUANT", Ef = 32 }),
        ];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = rows[r];
            var key = $"a:{r}";
            var memoryBefore = await server.UsedMemoryAsync();
            var load = await VectorLoader.LoadAsync([new Shard(server, key)], context.Data, 0, n, row.Config);
            var memory = (double)(await server.UsedMemoryAsync() - memoryBefore) / load.Faces;
            var (exactHits, truthHits, truthTotal) = await RecallAsync(server, key, queries, exact);
            await server.Admin.ExecuteAsync("DEL", key);
            table.Add(row.Group, row.Config.Parameters, row.Config.Transport, $"{Int(load.Faces)} (0-{Int(n)})", Number(load.Rate, 0),
                Number(load.CpuMsPerFace, 2), Number(load.MainThreadMsPerFace, 2), Ratio(truthHits, truthTotal), Ratio(exactHits, queries.Count),
                Number(memory, 0) + " B", Percent(load.OtherShare));
            context.Log($"a. {row.Config}: {load.Rate:F0} faces/s, {load.CpuMsPerFace:F2} ms CPU/VADD, exact {exactHits}/{queries.Count}");
        }
        table.Write(context.Output);

        // The client side for sections b-d: the fastest stretch. Which VADD options keep recall@1 >= 0.99 is
        // decided at 100k in section b: every NOQUANT set here has (nearly) perfect recall at this size.
        var fastest = stretches.MaxBy(s => s.Load.Rate).Client;
        context.Transport = fastest;
        context.Line($"Client side for sections b-d: **{fastest.Transport}**, the fastest 'client' stretch (per-stretch rates fall as the " +
            "set grows, so the later stretches are at a disadvantage). The VADD options are chosen at 100k faces in section b.");
        context.Line();
        context.Report(probe, "Section a");
    }

    private static async Task<(int Exact, int Truth, int TruthTotal)> RecallAsync(RedisProcess server, string key, QuerySet queries, int[] exact)
    {
        Shard[] shards = [new(server, key)];
        var truth = await SearchRunner.TruthAsync(shards, queries, queries.Count, parallel: 2, TimeSpan.FromMinutes(2));
        var search = await SearchRunner.RunAsync(shards, queries, queries.Count, ef: 0, clients: 1, sharedConnection: false, exact, truth.Top1);
        return (search.ExactHits, search.TruthHits, search.TruthTotal);
    }
}
