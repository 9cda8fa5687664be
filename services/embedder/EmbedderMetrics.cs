using System.Diagnostics.Metrics;
using Identities.ServiceDefaults.Telemetry;

namespace Identities.Embedder;

/// <summary>
/// What says whether batching works and whether the GPU is saturated: batch size and fill, model-run latency
/// (stage embed_batch), faces queued and how long they waited (stage queue_wait).
/// </summary>
public sealed class EmbedderMetrics
{
    public const string MeterName = "Identities.Embedder";

    private static readonly IReadOnlyList<int> BatchBuckets = [1, 2, 4, 8, 16, 32, 64, 128];
    private static readonly IReadOnlyList<double> FillBuckets = [0.125, 0.25, 0.5, 0.75, 1];

    private readonly Meter _meter;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchFill;
    private readonly Counter<long> _faces;
    private int _maxBatchSize = 1;

    public EmbedderMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _batchSize = _meter.CreateHistogram("identities.embedder.batch_size", "{face}", "Faces per model run",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = BatchBuckets });
        _batchFill = _meter.CreateHistogram("identities.embedder.batch_fill", "1", "Faces per model run over Embedder:MaxBatchSize (1 = full batches)",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = FillBuckets });
        _faces = _meter.CreateCounter<long>("identities.embedder.faces", "{face}", "Faces embedded");
        Stages = new StageMetrics(meterFactory);
    }

    /// <summary>embed_batch (one model run, preprocessing included), queue_wait (per face).</summary>
    public StageMetrics Stages { get; }

    /// <summary>Reports the queue's depth (identities.embedder.queue.depth) from now on.</summary>
    public void ObserveQueue(Func<int> depth, int maxBatchSize)
    {
        _maxBatchSize = Math.Max(1, maxBatchSize);
        _meter.CreateObservableGauge("identities.embedder.queue.depth", depth, "{face}", "Faces waiting for a model run");
    }

    public void RecordQueueWait(TimeSpan waited) => Stages.Record("queue_wait", waited);

    public void RecordBatch(int size, TimeSpan elapsed)
    {
        _batchSize.Record(size);
        _batchFill.Record((double)size / _maxBatchSize);
        Stages.Record("embed_batch", elapsed);
        _faces.Add(size);
    }
}
