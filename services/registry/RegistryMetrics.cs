using System.Diagnostics.Metrics;
using Identities.ServiceDefaults.Telemetry;

namespace Identities.Registry;

/// <summary>
/// Search and enrollment costs: stages (search: the VSIMs; rerank: face look-up and exact cosine; enroll: the
/// enrollment script; waitaof: the AOF fsync wait), candidates per query, Redis commands per operation, and faces
/// per shard (sampled by ShardSizeSampler).
/// </summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "Identities.Registry";

    private static readonly IReadOnlyList<int> CandidateBuckets = [0, 1, 5, 10, 25, 50, 100, 200, 500];

    private readonly Histogram<int> _candidates;
    private readonly Counter<long> _roundTrips;
    private long[] _shardFaces = [];

    public RegistryMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _candidates = meter.CreateHistogram("identities.registry.search.candidates", "{face}",
            "Candidates VSIM returned per query, every shard together (before re-ranking and threshold)",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = CandidateBuckets });
        _roundTrips = meter.CreateCounter<long>("identities.registry.redis.round_trips", "{command}",
            "Redis commands sent, by operation (search, enroll, delete, waitaof); pipelined commands count one each");
        meter.CreateObservableGauge("identities.registry.shard.faces", ObserveShardFaces, "{face}",
            "Faces in each shard (all models), from the shard's counter; label shard");
        Stages = new StageMetrics(meterFactory);
    }

    public StageMetrics Stages { get; }

    public void RecordCandidates(int count) => _candidates.Record(count);

    public void RecordRoundTrips(string operation, int commands) =>
        _roundTrips.Add(commands, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>The latest count of each shard's faces, index = shard.</summary>
    public void ReportShardFaces(long[] faces) => Volatile.Write(ref _shardFaces, faces);

    private IEnumerable<Measurement<long>> ObserveShardFaces() =>
        Volatile.Read(ref _shardFaces).Select((faces, shard) => new Measurement<long>(faces,
            new KeyValuePair<string, object?>("shard", shard.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}
