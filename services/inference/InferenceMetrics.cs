using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Identities.Inference;

/// <summary>Which models this worker runs, on which execution provider (identities.inference.model, always 1).</summary>
public sealed class InferenceMetrics
{
    public const string MeterName = "Identities.Inference";

    private readonly ConcurrentDictionary<(string Model, string Provider), byte> _loaded = new();

    public InferenceMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("identities.inference.model", Observe, "{model}",
            "1 per loaded model, labelled with the model file and the execution provider it runs on (CUDA or CPU)");
    }

    public void Loaded(string model, string provider) => _loaded[(model, provider)] = 0;

    private IEnumerable<Measurement<int>> Observe() => _loaded.Keys.Select(k => new Measurement<int>(1,
        new KeyValuePair<string, object?>("model", k.Model), new KeyValuePair<string, object?>("execution_provider", k.Provider)));
}
