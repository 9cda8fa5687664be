using System.Diagnostics;

namespace Identities.RegistryBenchmarks;

/// <summary>What every section shares: settings, the report writer, the data, the clock and the exact answers.</summary>
internal sealed class BenchContext(BenchSettings settings, TextWriter output, FaceData data)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Dictionary<(QuerySet, int), (int[] Index, float[] Cosine)> _exact = [];

    public BenchSettings Settings { get; } = settings;

    public TextWriter Output { get; } = output;

    public FaceData Data { get; } = data;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    public TimeSpan Remaining => Settings.Budget - Elapsed;

    /// <summary>Client side (CAS, connections, in flight) chosen by section a for sections b-d.</summary>
    public InsertConfig? Transport { get; set; }

    /// <summary>Insert configuration chosen in section b (or --insert) for sections c and d.</summary>
    public InsertConfig? Chosen { get; set; }

    /// <summary>
    /// Section b's server and its gallery in the chosen configuration: section c reuses it as the unsharded
    /// layout, and section d keeps loading into it up to the big size (Load: how the first faces went in;
    /// BaselineMemory: used_memory of the server before anything was loaded).
    /// </summary>
    public ScaleGallery? ScaleGallery { get; set; }

    /// <summary>Section b's fastest NOQUANT set: section c shards the gallery with its VADD options.</summary>
    public ScaleGallery? FastestGallery { get; set; }

    public void Log(string message) => Console.Error.WriteLine($"[bench {Elapsed.TotalMinutes:F1} min] {message}");

    public void Line(string text = "")
    {
        Output.WriteLine(text);
        Output.Flush();
    }

    /// <summary>Exact float32 top-1 of the queries among faces [0, n), computed once per (queries, n).</summary>
    public (int[] Index, float[] Cosine) Exact(QuerySet queries, int n)
    {
        if (!_exact.TryGetValue((queries, n), out var exact))
        {
            var watch = Stopwatch.StartNew();
            exact = Data.ExactTop1(queries, n);
            Log($"exact top-1 of {queries.Count} queries over {n:N0} faces: {watch.Elapsed.TotalSeconds:F1} s");
            _exact[(queries, n)] = exact;
        }
        return exact;
    }

    public void Report(CpuProbe probe, string what)
    {
        var line = probe.Describe(what);
        Line(line);
        Line();
        Log(line);
    }
}

internal sealed record ScaleGallery(RedisProcess Server, string Key, InsertConfig Config, LoadResult Load, long BaselineMemory, int[]? TruthTop1);
