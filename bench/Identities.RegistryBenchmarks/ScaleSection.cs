using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section b: 100k galleries with the registry's VADD defaults (NOQUANT, EF 200, M 16), a cheaper build
/// (NOQUANT, EF 100) and Q8 (EF 200), all with section a's client side: load rate, memory per face, VSIM latency
/// (1, 2, 4 clients) and recall@1 for several search EFs. Picks the insert configuration for sections c and d:
/// the fastest NOQUANT set whose recall@1 against exact search is >= 0.99 at the default search EF (at 20k, in
/// section a, every NOQUANT build has near-perfect recall, which does not tell them apart).
/// </summary>
internal static class ScaleSection
{
    private sealed record Set(string Label, InsertConfig Config, RedisProcess Server, string Key)
    {
        public LoadResult? Load { get; set; }

        public SearchResult? Default { get; set; }

        public int[]? Truth { get; set; }
    }

    /// <summary>Runs section b on two servers it starts (returned: section c reuses them, d the first).</summary>
    public static async Task<(RedisProcess Primary, RedisProcess Secondary)> RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var n = settings.ScaleFaces;
        var transport = context.Transport ?? throw new InvalidOperationException("No client side chosen.");
        context.Line($"## b. {n:N0} faces: latency, recall and memory");
        context.Line();
        var probe = RedisProcess.StartProbe();
        var primary = await RedisProcess.StartVolatileAsync();
        var secondary = await RedisProcess.StartVolatileAsync();
        var emptyPrimary = await primary.UsedMemoryAsync();

        var candidates = new List<InsertConfig>(settings.Inserts);
        var defaults = new Identities.Registry.RegistryOptions();
        var registry = transport with
        {
            Quant = defaults.Quantization, Ef = defaults.BuildExplorationFactor, M = defaults.MaxLinks, Reduce = 0, Rerank = defaults.RerankCandidates,
        };
        var redisDefaults = transport with { Quant = "NOQUANT", Ef = 0, M = 0, Reduce = 0, Rerank = 0 };
        if (!settings.OnlyInsert)
        {
            candidates.Add(registry);
            candidates.Add(redisDefaults);
            candidates.Add(redisDefaults with { Ef = 100 });
        }
        var sets = new List<Set>();
        foreach (var config in candidates.DistinctBy(c => c.Parameters))
        {
            var forced = settings.Inserts.ToList().IndexOf(config);
            var label = forced == 0 ? "--insert" : forced > 0 ? $"--insert #{forced + 1}"
                : config == registry ? "registry default" : config == redisDefaults ? "NOQUANT (Redis's defaults)" : "NOQUANT, cheaper build";
            sets.Add(new Set(label, config, primary, $"b:{sets.Count}"));
        }
        // Q8 on its own server: with a single-threaded insert (no CAS, one connection) it is loaded at the same time
        // as the last NOQUANT set, each server using one of the 2 cores.
        var q8 = transport with { Quant = "Q8", Ef = 0, M = 0, Reduce = 0, Rerank = 0 };
        if (!settings.OnlyInsert && sets.All(s => s.Config.Parameters != q8.Parameters))
        {
            sets.Add(new Set("Q8 default", q8, secondary, "b:q8"));
        }
        var concurrent = !transport.Cas && transport.Connections == 1;

        context.Line($"Loads (persistence off; client side from section a: {transport.Transport}). Memory: INFO used_memory delta over the " +
            "load, and MEMORY USAGE of the key, per face (element names are 36-character ids and each has a {\"person\": id} " +
            "attribute, as in the registry)." + (concurrent
                ? " The last two sets were loaded at the same time, each into its own redis-server (each insert is " +
                  "single-threaded, and the machine has 2 cores)."
                : " One set at a time."));
        context.Line();
        var loads = new MarkdownTable("set", "VADD options", "client", "faces", "seconds", "faces/s", "Redis CPU ms/VADD",
            "main ms/VADD", "used_memory/face", "MEMORY USAGE/face", "others").AlignLeft(0, 1, 2);
        if (concurrent)
        {
            foreach (var set in sets.Take(sets.Count - 2))
            {
                await LoadOneAsync(context, loads, set, n, "");
            }
            await Task.WhenAll(sets.Skip(sets.Count - 2).Select(set => LoadOneAsync(context, loads, set, n, " (loaded concurrently)")));
        }
        else
        {
            foreach (var set in sets)
            {
                await LoadOneAsync(context, loads, set, n, "");
            }
        }
        loads.Write(context.Output);

        var queries = context.Data.Queries(n, settings.ScaleQueries, stream: 1);
        var exact = context.Exact(queries, n).Index;
        context.Line($"Searches: VSIM FP32 WITHSCORES COUNT {SearchRunner.Count} [EF e], {queries.Count} queries per row; " +
            $"TRUTH over the first {settings.ScaleTruthQueries}. The default search EF is 100 in Redis 8.0's vector sets. " +
            "'1 shared' = all clients on one multiplexer, as the registry does.");
        context.Line();
        var table = SearchTables.Create("set");
        foreach (var set in sets)
        {
            Shard[] shards = [new(set.Server, set.Key, set.Config.Rerank)];
            // TRUTH scans the quantized vectors: no reference for a set whose answers are re-ranked in FP32.
            var truth = set.Config.Rerank > 0
                ? ([], 0, 0)
                : await SearchRunner.TruthAsync(shards, queries, settings.ScaleTruthQueries, parallel: 2, TimeSpan.FromMinutes(5));
            set.Truth = truth.Top1;
            context.Log($"b. TRUTH for {set.Label}: {truth.Done} queries in {truth.Seconds:F0} s");
            int[] efs = set.Config.Quant == "NOQUANT" ? [0, 50, 200, 500] : [0, 200, 500];
            foreach (var ef in efs)
            {
                var result = await SearchTables.RowAsync(context, table, set.Label, shards, queries, queries.Count, ef, 1, false, exact, truth.Top1);
                set.Default ??= result;
            }
            await SearchTables.RowAsync(context, table, set.Label, shards, queries, queries.Count, 0, 2, false, exact, truth.Top1);
            await SearchTables.RowAsync(context, table, set.Label, shards, queries, queries.Count, 0, 4, false, exact, truth.Top1);
            await SearchTables.RowAsync(context, table, set.Label, shards, queries, queries.Count, 0, 4, true, exact, truth.Top1);
        }
        table.Write(context.Output);

        // The insert configuration for c and d: --insert, else the fastest NOQUANT set with recall@1 >= 0.99
        // against exact search at the default search EF (else the NOQUANT set with the best recall).
        var noquant = sets.Where(s => s.Server == primary).ToList();
        var passing = noquant.Where(s => s.Default!.ExactHits >= 0.99 * s.Default.Queries).ToList();
        var pick = settings.Insert is { } given
            ? sets.First(s => s.Config == given)
            : passing.Count > 0 ? passing.MaxBy(s => s.Load!.Rate)! : noquant.MaxBy(s => s.Default!.ExactHits)!;
        context.Chosen = pick.Config;
        // Section d deletes the other sets first, so the empty server's used_memory is the baseline of the picked one.
        context.ScaleGallery = new ScaleGallery(primary, pick.Key, pick.Config, pick.Load!, emptyPrimary, pick.Truth);
        var fastest = noquant.MaxBy(s => s.Load!.Rate)!;
        context.FastestGallery = new ScaleGallery(primary, fastest.Key, fastest.Config, fastest.Load!, emptyPrimary, fastest.Truth);
        context.Line(settings.Insert is not null
            ? $"Insert configuration for section d: **{pick.Config}** (given with --insert)."
            : $"Insert configuration for section d: **{pick.Config}**: the fastest NOQUANT set with recall@1 >= 0.99 against exact " +
              $"search at the default search EF here{(passing.Count == 0 ? " (none passed: the one with the best recall)" : "")}.");
        context.Line();
        context.Report(probe, "Section b");
        return (primary, secondary);
    }

    private static async Task LoadOneAsync(BenchContext context, MarkdownTable loads, Set set, int n, string note)
    {
        var before = await set.Server.UsedMemoryAsync();
        var load = await VectorLoader.LoadAsync([new Shard(set.Server, set.Key, set.Config.Rerank)], context.Data, 0, n, set.Config, progressLabel: $"b. {set.Label}");
        set.Load = load;
        var used = (double)(await set.Server.UsedMemoryAsync() - before) / load.Faces;
        var usage = (double)await set.Server.KeyMemoryAsync(set.Key) / load.Faces;
        lock (loads)
        {
            loads.Add(set.Label + note, set.Config.Parameters, set.Config.Transport, Int(load.Faces), Number(load.Seconds, 0), Number(load.Rate, 0),
                Number(load.CpuMsPerFace, 2), Number(load.MainThreadMsPerFace, 2), Number(used, 0) + " B", Number(usage, 0) + " B",
                Percent(load.OtherShare));
        }
        context.Log($"b. loaded {set.Label}: {load.Rate:F0} faces/s");
    }
}
