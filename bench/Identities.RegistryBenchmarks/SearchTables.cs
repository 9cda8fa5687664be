using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>The search table shared by sections b, c and d.</summary>
internal static class SearchTables
{
    public static MarkdownTable Create(string firstColumn) =>
        new MarkdownTable(firstColumn, "search EF", "clients", "connections", "p50 ms", "p99 ms", "mean ms", "queries/s",
            "Redis CPU ms/query", "recall@1 vs TRUTH", "top-1 = exact", "right identity", "others").AlignLeft(0, 3);

    public static string Ef(int ef) => ef == 0 ? "default" : ef.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<SearchResult> RowAsync(
        BenchContext context, MarkdownTable table, string label, IReadOnlyList<Shard> shards, QuerySet queries, int limit, int ef,
        int clients, bool shared, int[] exact, int[]? truth, string? connections = null)
    {
        var result = await SearchRunner.RunAsync(shards, queries, limit, ef, clients, shared, exact, truth);
        connections ??= shared
            ? "1 shared"
            : shards.Count == 1 ? "1 per client" : $"{shards.Count} per client (parallel fan-out)";
        table.Add(label, Ef(ef), clients.ToString(System.Globalization.CultureInfo.InvariantCulture), connections, Ms(result.P50), Ms(result.P99),
            Ms(result.Mean), Number(result.Qps, 0), Number(result.CpuMsPerQuery, 2), Ratio(result.TruthHits, result.TruthTotal),
            Ratio(result.ExactHits, result.Queries), Ratio(result.IdentityHits, result.Queries), Percent(result.OtherShare));
        context.Log($"{label} EF {Ef(ef)} x{clients} {connections}: p50 {result.P50:F2} p99 {result.P99:F2} ms, exact {result.ExactHits}/{result.Queries}");
        return result;
    }
}
