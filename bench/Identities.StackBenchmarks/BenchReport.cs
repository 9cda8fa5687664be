using System.Text.Json;

namespace Identities.StackBenchmarks;

/// <summary>Everything the run measured, written as JSON so that runs can be compared.</summary>
internal sealed class BenchReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A row with no samples has NaN percentiles; keep it readable rather than failing the run.
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public Dictionary<string, string> Environment { get; } = [];

    public List<ThroughputRow> Throughput { get; } = [];

    public List<RatioRow> Ratios { get; } = [];

    public List<StageRow> Breakdown { get; } = [];

    public List<SearchRow> Search { get; } = [];

    public List<GalleryRow> Gallery { get; } = [];

    public void Write(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(this, Json));
    }
}

internal sealed record ThroughputRow(string Operation, string Mode, int Clients, double PerSecond, double P50Ms, double P99Ms, double MeanMs,
    int Completed, int Failed, IReadOnlyDictionary<string, int> Failures, double? OtherCpuShare)
{
    public static ThroughputRow From(string operation, string mode, LoadResult result) => new(operation, mode, result.Clients, result.PerSecond,
        result.Latency.P50, result.Latency.P99, result.Latency.Mean, result.Completed, result.Failed, result.Failures, result.OtherShare);
}

internal sealed record RatioRow(string Operation, int Clients, double StackPerSecond, double InProcessPerSecond, double Ratio);

internal sealed record StageRow(string Stage, double InProcessMeanMs, double? OverGrpcMeanMs, double? HopCostMs);

internal sealed record SearchRow(int GalleryFaces, string Path, double P50Ms, double P99Ms, double MeanMs, int Calls);

internal sealed record GalleryRow(int GalleryFaces, double EnrollmentsPerSecond);
