using static Identities.RegistryBenchmarks.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section c: the same gallery split over 2 and 4 keys of one redis-server, and over 2 redis-servers; each
/// query fanned out to every shard at once and the replies merged by score.
/// </summary>
internal static class ShardingSection
{
    public static async Task RunAsync(BenchContext context, RedisProcess? scaleServer)
    {
        var settings = context.Settings;
        var n = settings.ScaleFaces;
        var config = context.Chosen ?? throw new InvalidOperationException("No insert configuration chosen.");
        context.Line($"## c. Sharding {n:N0} faces ({config.Parameters}; each shard loaded with {config.Transport})");
        context.Line();
        var probe = new CpuProbe();
        var ownServer = scaleServer is null ? await RedisProcess.StartVolatileAsync() : null;
        var server = scaleServer ?? ownServer!;
        await using var second = await RedisProcess.StartVolatileAsync();
        try
        {
            var loads = new MarkdownTable("sharding", "faces", "seconds", "faces/s", "Redis CPU ms/VADD", "main ms/VADD", "others").AlignLeft(0);
            // One key: section b's chosen set when it ran on this server, else loaded here.
            Shard[] single;
            int[]? truth = null;
            if (context.ScaleGallery is { } gallery && gallery.Server == server)
            {
                single = [new(server, gallery.Key)];
                truth = gallery.TruthTop1;
                loads.Add("1 key (section b's set)", Int(n), "-", "-", "-", "-", "-");
            }
            else
            {
                single = [new(server, "c:1")];
                var load = await VectorLoader.LoadAsync(single, context.Data, 0, n, config, progressLabel: "c. 1 key");
                AddLoad(loads, "1 key", load);
            }
            var layouts = new List<(string Label, Shard[] Shards)> { ("1 key", single) };
            foreach (var (label, shards) in new (string, Shard[])[]
            {
                ("2 keys, 1 server", [new(server, "c:2:0"), new(server, "c:2:1")]),
                ("4 keys, 1 server", [new(server, "c:4:0"), new(server, "c:4:1"), new(server, "c:4:2"), new(server, "c:4:3")]),
                ("2 servers x 1 key", [new(server, "c:s:0"), new(second, "c:s:1")]),
            })
            {
                var load = await VectorLoader.LoadAsync(shards, context.Data, 0, n, config, progressLabel: $"c. {label}");
                AddLoad(loads, label, load);
                layouts.Add((label, shards));
                context.Log($"c. loaded {label}: {load.Rate:F0} faces/s");
            }
            context.Line("Loads: all shards at once (face i to shard i mod shards), each shard with its own connections.");
            context.Line();
            loads.Write(context.Output);

            var queries = context.Data.Queries(n, settings.ScaleQueries, stream: 1);
            var exact = context.Exact(queries, n).Index;
            // TRUTH is per stored vector, so the unsharded set's answer is every layout's answer.
            truth ??= (await SearchRunner.TruthAsync(single, queries, settings.ScaleTruthQueries, parallel: 2, TimeSpan.FromMinutes(5))).Top1;
            context.Line($"Searches ({queries.Count} queries per row; a query's latency covers the whole fan-out and merge):");
            context.Line();
            var table = SearchTables.Create("sharding");
            foreach (var (label, shards) in layouts)
            {
                await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 1, false, exact, truth);
                if (shards.Length > 1 && shards.All(s => s.Server == server))
                {
                    await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 1, true, exact, truth,
                        connections: "1 (fan-out on one connection)");
                }
                await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 50, 1, false, exact, truth);
                await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 2, false, exact, truth);
            }
            table.Write(context.Output);
        }
        finally
        {
            if (ownServer is not null)
            {
                await ownServer.DisposeAsync();
            }
        }
        context.Report(probe, "Section c");
    }

    private static void AddLoad(MarkdownTable table, string label, LoadResult load) =>
        table.Add(label, Int(load.Faces), Number(load.Seconds, 0), Number(load.Rate, 0), Number(load.CpuMsPerFace, 2),
            Number(load.MainThreadMsPerFace, 2), Percent(load.OtherShare));
}
