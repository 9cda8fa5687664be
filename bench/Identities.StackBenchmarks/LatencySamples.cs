namespace Identities.StackBenchmarks;

/// <summary>Latencies in milliseconds, summarised as percentiles (nearest rank).</summary>
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
        if (_values.Count == 0)
        {
            return double.NaN;
        }
        if (!_sorted)
        {
            _values.Sort();
            _sorted = true;
        }
        var rank = (int)Math.Ceiling(p / 100 * _values.Count) - 1;
        return _values[Math.Clamp(rank, 0, _values.Count - 1)];
    }
}
