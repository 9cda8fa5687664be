using System.Diagnostics.Metrics;
using Identities.ServiceDefaults.Telemetry;

namespace Identities.Detector;

/// <summary>Faces per image, detection latency, the queue in front of the detection slots, and per-stage timings.</summary>
public sealed class DetectorMetrics
{
    public const string MeterName = "Identities.Detector";

    private static readonly IReadOnlyList<int> FaceBuckets = [0, 1, 2, 3, 5, 10, 20, 50, 100, 200];

    private readonly Histogram<int> _faces;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _waiting;
    private readonly UpDownCounter<long> _inFlight;

    public DetectorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _faces = meter.CreateHistogram("identities.detector.faces_per_image", "{face}", "Faces found per image",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = FaceBuckets });
        _duration = meter.CreateHistogram("identities.detector.detect_duration", "s", "Detect latency: decode to aligned crops, queue wait excluded",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = StageMetrics.SecondsBuckets });
        _waiting = meter.CreateUpDownCounter<long>("identities.detector.queue.depth", "{request}", "Images waiting for a detection slot");
        _inFlight = meter.CreateUpDownCounter<long>("identities.detector.in_flight", "{request}", "Images being detected now");
        Stages = new StageMetrics(meterFactory);
    }

    /// <summary>decode, detect, landmarks, align, queue_wait.</summary>
    public StageMetrics Stages { get; }

    public void RecordFaces(int count) => _faces.Record(count);

    public void RecordDuration(TimeSpan elapsed) => _duration.Record(elapsed.TotalSeconds);

    /// <summary>Counts an image in the queue until disposed.</summary>
    public IDisposable Waiting() => new Gauge(_waiting);

    /// <summary>Counts an image as being detected until disposed.</summary>
    public IDisposable InFlight() => new Gauge(_inFlight);

    private sealed class Gauge : IDisposable
    {
        private readonly UpDownCounter<long> _counter;
        private int _disposed;

        public Gauge(UpDownCounter<long> counter)
        {
            _counter = counter;
            _counter.Add(1);
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _counter.Add(-1);
            }
        }
    }
}
