using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Identities.ServiceDefaults.Telemetry;

/// <summary>
/// Latency of each stage of a request (identities.stage.duration, seconds, one bounded label: stage), in every
/// service: one histogram answers "where does the time go" across the stack. Stages measured inside a request
/// also appear in that request's log line.
/// </summary>
public sealed class StageMetrics
{
    public const string MeterName = "Identities";

    /// <summary>Half a millisecond to ten seconds: CPU inference of a crowd photo takes seconds, a VSIM well under one ms.</summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Histogram<double> _duration;

    public StageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram("identities.stage.duration", "s", "Latency of one stage of a request",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
    }

    /// <summary>Records the time since <paramref name="startTimestamp"/> (Stopwatch.GetTimestamp) under <paramref name="stage"/>.</summary>
    public void Record(string stage, long startTimestamp) => Record(stage, Stopwatch.GetElapsedTime(startTimestamp));

    public void Record(string stage, TimeSpan elapsed)
    {
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));
        RequestTimings.Current?.Add(stage, elapsed);
    }
}
