namespace Identities.StackBenchmarks;

/// <summary>Latencies in milliseconds, summarised as percentiles (nearest rank, <see cref="Percentiles"/>).</summary>
internal sealed class LatencySamples
{
    private readonly List<double> _values = [];
    private bool _sorted;

    public int Count => _values.Count;

    public double Mean => _values.Count == 0 ? double.NaN : _values.Average();

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public void Add(double milliseconds)
    {
        _values.Add(milliseconds);
        _sorted = false;
    }

    public void AddRange(LatencySamples other)
    {
        _values.AddRange(other._values);
        _sorted = false;
    }

    public double Percentile(double p)
    {
        if (!_sorted)
        {
            _values.Sort();
            _sorted = true;
        }
        return Percentiles.OfSorted(_values, p);
    }
}
