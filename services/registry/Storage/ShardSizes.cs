using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Faces per shard, read from the shards' face counters every <see cref="RegistryOptions.ShardSizeRefreshSeconds"/>
/// and exposed as the gauge identities.registry.shard.faces (tag shard), so an operator sees a shard approach the size
/// at which recall falls (docs/REGISTRY.md, "Shard size") and knows when to plan more shards.
/// </summary>
public sealed class ShardSizes : BackgroundService
{
    public const string MeterName = "Identities.Registry";
    public const string InstrumentName = "identities.registry.shard.faces";

    private readonly RedisConnection _redis;
    private readonly RegistryOptions _options;
    private long[] _faces = [];

    public ShardSizes(RedisConnection redis, IOptions<RegistryOptions> options, IMeterFactory meters)
    {
        _redis = redis;
        _options = options.Value;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(InstrumentName, Observe, "{face}", "Faces in each shard of the gallery (all models).");
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        var faces = _faces;
        for (var shard = 0; shard < faces.Length; shard++)
        {
            yield return new Measurement<long>(faces[shard], new KeyValuePair<string, object?>("shard", shard));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.ShardSizeRefreshSeconds));
        do
        {
            try
            {
                var database = _redis.Database;
                var counts = await Task.WhenAll(Enumerable.Range(0, _redis.Keys.Shards).Select(s => database.StringGetAsync(_redis.Keys.FaceCount(s))));
                _faces = [.. counts.Select(c => c.IsNull ? 0 : (long)c)];
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or RegistryException)
            {
                // Redis unreachable: keep the last figures; readiness reports the outage.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
