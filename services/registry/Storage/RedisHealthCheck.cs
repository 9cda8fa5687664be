using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Ready when every Redis master answers, is version 8 or later (vector sets), logs to AOF if we wait for it, a cluster
/// covers all its slots, and the data is in the configured layout (checked at start-up by <see cref="DataLayout"/>).
/// Only reads: nothing is recorded by a probe.
/// </summary>
public sealed class RedisHealthCheck(RedisConnection redis, DataLayout layout, IOptions<RegistryOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var masters = redis.Multiplexer.GetServers().Where(s => !s.IsReplica).ToArray();
            if (masters.Length == 0 || masters.Any(s => !s.IsConnected))
            {
                return HealthCheckResult.Unhealthy("Redis is unreachable.");
            }
            var version = "";
            foreach (var server in masters)
            {
                var fields = Fields((string?)await server.ExecuteAsync("INFO", "server", "persistence") ?? "");
                version = fields.GetValueOrDefault("redis_version") ?? "0";
                if (!int.TryParse(version.Split('.')[0], out var major) || major < 8)
                {
                    return HealthCheckResult.Unhealthy($"Redis {version} at {server.EndPoint} has no vector sets; Redis 8 or later is required.");
                }
                if (options.Value.WaitForAof && fields.GetValueOrDefault("aof_enabled") != "1")
                {
                    return HealthCheckResult.Unhealthy($"Registry:WaitForAof is on but Redis at {server.EndPoint} runs without appendonly.");
                }
            }
            if (masters[0].ServerType == ServerType.Cluster)
            {
                var state = Fields((string?)await masters[0].ExecuteAsync("CLUSTER", "INFO") ?? "").GetValueOrDefault("cluster_state");
                if (state != "ok")
                {
                    return HealthCheckResult.Unhealthy($"The Redis Cluster is {state} (a failover or a slot without a master).");
                }
            }
            if (layout.Problem is { } problem)
            {
                return HealthCheckResult.Unhealthy(problem);
            }
            return HealthCheckResult.Healthy($"Redis {version}, {masters.Length} master(s), {options.Value.Shards} {options.Value.Quantization} shard(s)");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or RegistryException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", ex);
        }
    }

    /// <summary>INFO-style "field:value" lines (a RESP3 verbatim string starts with its format, "txt:", which is dropped).</summary>
    private static Dictionary<string, string> Fields(string info) => (info.StartsWith("txt:", StringComparison.Ordinal) ? info[4..] : info)
        .Split('\n', StringSplitOptions.TrimEntries)
        .Select(l => l.Split(':', 2))
        .Where(p => p.Length == 2)
        .GroupBy(p => p[0])
        .ToDictionary(g => g.Key, g => g.First()[1]);
}
