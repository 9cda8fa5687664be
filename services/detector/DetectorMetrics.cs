using System.Diagnostics.Metrics;

namespace Identities.Detector;

/// <summary>Faces per image and detection latency.</summary>
public sealed class DetectorMetrics
{
    public const string MeterName = "Identities.Detector";

    private readonly Histogram<int> _faces;
    private readonly Histogram<double> _duration;

    public DetectorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _faces = meter.CreateHistogram<int>("identities.detector.faces_per_image", "{face}", "Faces found per image");
        _duration = meter.CreateHistogram<double>("identities.detector.detect_duration", "ms", "Detect latency: decode to aligned crops");
    }

    public void RecordFaces(int count) => _faces.Record(count);

    public void RecordDuration(TimeSpan elapsed) => _duration.Record(elapsed.TotalMilliseconds);
}
