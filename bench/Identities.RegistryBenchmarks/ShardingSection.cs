using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section c: the same gallery split over 2 and 4 keys of one redis-server, and over 2 redis-servers; each
/// query fanned out to every shard at once and the replies merged by score.
/// </summary>
internal static class ShardingSection
{
    public static async Task RunAsync(BenchContext context, (RedisProcess Primary, RedisProcess Secondary)? scaleServers)
    {
        var settings = context.Settings;
        var n = settings.ScaleFaces;
        // The fastest of section b's sets (sharding's effects are relative to its unsharded set), else the chosen one.
        var gallery = context.FastestGallery ?? context.ScaleGallery;
        var config = gallery?.Config ?? context.Chosen ?? throw new InvalidOperationException("No insert configuration chosen.");
        context.Line($"## c. Sharding {n:N0} faces ({config.Parameters}; each shard loaded with {config.Transport})");
        context.Line();
        if (gallery is not null)
        {
            context.Line("VADD options of section b's fastest set, whose 100k set is the unsharded layout here.");
            context.Line();
        }
        var probe = RedisProcess.StartProbe();
        var own = new List<RedisProcess>();
        try
        {
            RedisProcess primary;
            RedisProcess secondary;
            if (scaleServers is { } servers)
            {
                (primary, secondary) = servers;
            }
            else
            {
                primary = await RedisProcess.StartVolatileAsync();
                secondary = await RedisProcess.StartVolatileAsync();
                own.Add(primary);
                own.Add(secondary);
            }
            var loads = new MarkdownTable("sharding", "faces", "seconds", "faces/s", "Redis CPU ms/VADD", "main ms/VADD", "others").AlignLeft(0);
            // One key: section b's chosen set, else loaded here.
            Shard[] single;
            int[]? truth = null;
            if (gallery is not null && gallery.Server == primary)
            {
                single = [new(primary, gallery.Key)];
                truth = gallery.TruthTop1;
                loads.Add("1 key (section b's set)", Int(n), Number(gallery.Load.Seconds, 0), Number(gallery.Load.Rate, 0),
                    Number(gallery.Load.CpuMsPerFace, 2), Number(gallery.Load.MainThreadMsPerFace, 2), Percent(gallery.Load.OtherShare));
            }
            else
            {
                single = [new(primary, "c:1")];
                AddLoad(loads, "1 key", await VectorLoader.LoadAsync(single, context.Data, 0, n, config, progressLabel: "c. 1 key"));
            }
            Shard[] twoKeys = [new(primary, "c:2:0"), new(primary, "c:2:1")];
            Shard[] fourKeys = [new(secondary, "c:4:0"), new(secondary, "c:4:1"), new(secondary, "c:4:2"), new(secondary, "c:4:3")];
            Shard[] twoServers = [new(primary, "c:s:0"), new(secondary, "c:s:1")];
            // The 2-key and 4-key layouts live on different servers; with a single-threaded insert (no CAS, one
            // connection per shard) each load uses one server's main thread, so they run at the same time.
            var concurrent = !config.Cas && config.Connections == 1;
            if (concurrent)
            {
                var both = await Task.WhenAll(
                    VectorLoader.LoadAsync(twoKeys, context.Data, 0, n, config, progressLabel: "c. 2 keys"),
                    VectorLoader.LoadAsync(fourKeys, context.Data, 0, n, config, progressLabel: "c. 4 keys"));
                AddLoad(loads, "2 keys, 1 server (loaded concurrently with the next)", both[0]);
                AddLoad(loads, "4 keys, 1 server (loaded concurrently with the previous)", both[1]);
            }
            else
            {
                AddLoad(loads, "2 keys, 1 server", await VectorLoader.LoadAsync(twoKeys, context.Data, 0, n, config, progressLabel: "c. 2 keys"));
                AddLoad(loads, "4 keys, 1 server", await VectorLoader.LoadAsync(fourKeys, context.Data, 0, n, config, progressLabel: "c. 4 keys"));
            }
            AddLoad(loads, "2 servers x 1 key", await VectorLoader.LoadAsync(twoServers, context.Data, 0, n, config, progressLabel: "c. 2 servers"));
            context.Line("Loads: face i goes to shard i mod shards; all shards are loaded at once, each with its own connections. The " +
                "rate is faces of the whole layout per second.");
            context.Line();
            loads.Write(context.Output);

            var queries = context.Data.Queries(n, settings.ScaleQueries, stream: 1);
            var exact = context.Exact(queries, n).Index;
            // TRUTH is per stored vector, so the unsharded set's answer is every layout's answer.
            truth ??= (await SearchRunner.TruthAsync(single, queries, settings.ScaleTruthQueries, parallel: 2, TimeSpan.FromMinutes(5))).Top1;
            context.Line($"Searches ({queries.Count} queries per row; a query's latency covers the whole fan-out and merge):");
            context.Line();
            var table = SearchTables.Create("sharding");
            foreach (var (label, shards) in new (string, Shard[])[]
            {
                ("1 key", single), ("2 keys, 1 server", twoKeys), ("4 keys, 1 server", fourKeys), ("2 servers x 1 key", twoServers),
            })
            {
                await SearchTables.RowAsync(context, table, label, shards, queries, queries.Count, 0, 1, false, exact, truth);
                if (shards.Length > 1 && shards.All(s => s.Server == shards[0].Server))
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
            foreach (var server in own)
            {
                await server.DisposeAsync();
            }
        }
        context.Report(probe, "Section c");
    }

    private static void AddLoad(MarkdownTable table, string label, LoadResult load) =>
        table.Add(label, Int(load.Faces), Number(load.Seconds, 0), Number(load.Rate, 0), Number(load.CpuMsPerFace, 2),
            Number(load.MainThreadMsPerFace, 2), Percent(load.OtherShare));
}
