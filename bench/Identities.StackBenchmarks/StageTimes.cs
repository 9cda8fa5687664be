using System.Diagnostics;

namespace Identities.StackBenchmarks;

/// <summary>Milliseconds per named stage, in the order stages first appear.</summary>
internal sealed class StageTimes
{
    private readonly Dictionary<string, LatencySamples> _stages = [];
    private readonly List<string> _order = [];

    public IEnumerable<(string Stage, LatencySamples Samples)> Stages => _order.Select(s => (s, _stages[s]));

    /// <summary>Records the time since <paramref name="since"/> under <paramref name="stage"/>; returns now.</summary>
    public long Lap(string stage, long since)
    {
        var now = Stopwatch.GetTimestamp();
        Add(stage, (now - since) * 1000.0 / Stopwatch.Frequency);
        return now;
    }

    public void Add(string stage, double milliseconds)
    {
        if (!_stages.TryGetValue(stage, out var samples))
        {
            _stages[stage] = samples = new LatencySamples();
            _order.Add(stage);
        }
        samples.Add(milliseconds);
    }
}
