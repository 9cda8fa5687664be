using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Identities.Registry.Storage;

/// <summary>
/// Ready when Redis answers, is version 8 or later (vector sets), logs to AOF if we wait for it, and holds data
/// laid out in as many vector shards as configured (the first registry to start records its layout).
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis, IOptions<RegistryOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var info = (string?)await redis.Database.ExecuteAsync("INFO", "server", "persistence") ?? "";
            var fields = info.Split('\n', StringSplitOptions.TrimEntries)
                .Select(l => l.Split(':', 2))
                .Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1]);
            var version = fields.GetValueOrDefault("redis_version") ?? "0";
            if (!int.TryParse(version.Split('.')[0], out var major) || major < 8)
            {
                return HealthCheckResult.Unhealthy($"Redis {version} has no vector sets; Redis 8 or later is required.");
            }
            if (options.Value.WaitForAof && fields.GetValueOrDefault("aof_enabled") != "1")
            {
                return HealthCheckResult.Unhealthy("Registry:WaitForAof is on but Redis runs without appendonly.");
            }
            var configured = options.Value.VectorShards;
            await redis.Database.HashSetAsync(redis.Keys.Meta, "vector_shards", configured, StackExchange.Redis.When.NotExists);
            var recorded = (int?)await redis.Database.HashGetAsync(redis.Keys.Meta, "vector_shards");
            if (recorded != configured)
            {
                return HealthCheckResult.Unhealthy($"The gallery in Redis is split into {recorded} vector shards but Registry:VectorShards is " +
                    $"{configured}; configure {recorded} (changing it needs a re-import, see docs/REGISTRY.md).");
            }
            return HealthCheckResult.Healthy($"Redis {version}, {configured} vector shard(s)");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", ex);
        }
    }
}
