using System.Diagnostics.Metrics;
using Identities.ServiceDefaults.Telemetry;

namespace Identities.Benchmarks;

/// <summary>
/// Listens to the stage timings the product records itself (<see cref="StageMetrics"/>: the detector's decode, detect,
/// landmarks and align), so the benchmark times FaceDetectionPipeline.Detect's own stages through a seam the product
/// owns instead of re-running its steps. Single-threaded use: one image at a time.
/// </summary>
internal sealed class StageRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Stage, double Milliseconds)> _recorded = [];

    public StageRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StageMetrics.MeterName && instrument is Histogram<double>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "stage" && tag.Value is string stage)
                {
                    _recorded.Add((stage, seconds * 1000));
                }
            }
        });
        _listener.Start();
    }

    /// <summary>What was recorded since the last call, in order (a stage may appear once per face).</summary>
    public List<(string Stage, double Milliseconds)> Take()
    {
        var taken = new List<(string Stage, double Milliseconds)>(_recorded);
        _recorded.Clear();
        return taken;
    }

    public void Dispose() => _listener.Dispose();
}
