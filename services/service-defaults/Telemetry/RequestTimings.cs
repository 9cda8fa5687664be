using System.Globalization;
using System.Text;

namespace Identities.ServiceDefaults.Telemetry;

/// <summary>The stage timings of the request on this async flow, for its one log line.</summary>
public sealed class RequestTimings
{
    private static readonly AsyncLocal<RequestTimings?> CurrentTimings = new();

    private readonly Lock _lock = new();
    private readonly List<(string Stage, TimeSpan Elapsed)> _stages = [];

    public static RequestTimings? Current
    {
        get => CurrentTimings.Value;
        set => CurrentTimings.Value = value;
    }

    public void Add(string stage, TimeSpan elapsed)
    {
        lock (_lock)
        {
            // Bounded: a crowd photo records landmarks once per face; the log line needs the sum, not each.
            var index = _stages.FindIndex(s => s.Stage == stage);
            if (index >= 0)
            {
                _stages[index] = (stage, _stages[index].Elapsed + elapsed);
            }
            else
            {
                _stages.Add((stage, elapsed));
            }
        }
    }

    /// <summary>"decode=3.1 detect=41.0" (milliseconds), in the order the stages first ran.</summary>
    public override string ToString()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            foreach (var (stage, elapsed) in _stages)
            {
                text.Append(text.Length == 0 ? "" : " ").Append(stage).Append('=')
                    .Append(elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture));
            }
            return text.ToString();
        }
    }
}
