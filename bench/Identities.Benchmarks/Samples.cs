using System.Diagnostics;

namespace Identities.Benchmarks;

/// <summary>Measured values (milliseconds or counts) and their order statistics.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];
    private double[]? _sorted;

    public int Count => _values.Count;

    public IReadOnlyList<double> Values => _values;

    public void Add(double value)
    {
        _values.Add(value);
        _sorted = null;
    }

    public void AddRange(IEnumerable<double> values)
    {
        _values.AddRange(values);
        _sorted = null;
    }

    /// <summary>Adds the milliseconds between two Stopwatch timestamps.</summary>
    public void AddElapsed(long started, long ended) => Add(Milliseconds(started, ended));

    public double Sum => _values.Sum();

    public double Mean => _values.Count > 0 ? _values.Average() : double.NaN;

    public double Median => Percentile(50);

    public double Max => Percentile(100);

    /// <summary>Nearest rank (<see cref="Percentiles"/>, as every benchmark and test); NaN without samples.</summary>
    public double Percentile(double percent)
    {
        _sorted ??= [.. _values.Order()];
        return Percentiles.OfSorted(_sorted, percent);
    }

    public static double Milliseconds(long started, long ended) => (ended - started) * 1000.0 / Stopwatch.Frequency;
}
