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
