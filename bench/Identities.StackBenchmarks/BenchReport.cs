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
