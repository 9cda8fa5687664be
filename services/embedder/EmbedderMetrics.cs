using System.Diagnostics.Metrics;

namespace Identities.Embedder;

/// <summary>Batch size and model-run latency, the two numbers that say whether batching works.</summary>
public sealed class EmbedderMetrics
{
    public const string MeterName = "Identities.Embedder";

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _faces;

    public EmbedderMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _batchSize = meter.CreateHistogram<int>("identities.embedder.batch_size", "{face}", "Faces per model run");
        _runDuration = meter.CreateHistogram<double>("identities.embedder.run_duration", "ms", "Model run latency, preprocessing included");
        _faces = meter.CreateCounter<long>("identities.embedder.faces", "{face}", "Faces embedded");
    }

    public void RecordBatch(int size, TimeSpan elapsed)
    {
        _batchSize.Record(size);
        _runDuration.Record(elapsed.TotalMilliseconds);
        _faces.Add(size);
    }
}
