using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Reads each shard's face counter (kept by the enrollment and deletion scripts) every few seconds for the
/// faces-per-shard gauge: a scrape never waits on Redis, and a Redis outage only leaves the last values.
/// </summary>
public sealed class ShardSizeSampler(RedisConnection redis, RegistryMetrics metrics) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            try
            {
                await SampleAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or RegistryException)
            {
                // Redis unreachable: readiness says so; the gauge keeps its last values.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SampleAsync()
    {
        var keys = redis.Keys;
        var reads = Enumerable.Range(0, keys.Shards).Select(s => redis.Database.StringGetAsync(keys.FaceCount(s))).ToArray();
        var faces = new long[reads.Length];
        for (var shard = 0; shard < reads.Length; shard++)
        {
            var value = await reads[shard];
            faces[shard] = value.IsNull ? 0 : (long)value;
        }
        metrics.ReportShardFaces(faces);
    }
}
