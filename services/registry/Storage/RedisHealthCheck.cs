using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Ready when Redis answers, is version 8 or later (vector sets), logs to AOF if we wait for it, and holds data
/// laid out as configured: as many vector shards, the same quantization (the first registry to start records the
/// layout; a vector set cannot change either without a re-import).
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
            var shards = options.Value.VectorShards;
            var quantization = options.Value.Quantization;
            var configuredShards = shards.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var recordedShards = await RecordedAsync("vector_shards", () => Task.FromResult(configuredShards));
            if (recordedShards != configuredShards)
            {
                return HealthCheckResult.Unhealthy($"The gallery in Redis is split into {recordedShards} vector shards but Registry:VectorShards is " +
                    $"{shards}; configure {recordedShards} (changing it needs a re-import, see docs/REGISTRY.md).");
            }
            // Data written before the quantization was recorded: record what its vector sets really are.
            var recordedQuantization = await RecordedAsync("vector_quantization", async () => await ExistingQuantizationAsync() ?? quantization);
            if (recordedQuantization != quantization)
            {
                return HealthCheckResult.Unhealthy($"The gallery's vector sets are {recordedQuantization} but Registry:Quantization is " +
                    $"{quantization}; configure {recordedQuantization} (changing it needs a re-import, see docs/REGISTRY.md).");
            }
            return HealthCheckResult.Healthy($"Redis {version}, {shards} {quantization} vector shard(s)");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            return HealthCheckResult.Unhealthy("Redis is unreachable.", ex);
        }
    }

    /// <summary>The quantization of the first of this deployment's vector sets found (SCAN + VINFO), or null if none exists.</summary>
    private async Task<string?> ExistingQuantizationAsync()
    {
        var pattern = redis.Keys.Prefix + ":vectors:*";
        var cursor = "0";
        do
        {
            var page = (RedisResult[])(await redis.Database.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", 1000))!;
            cursor = (string)page[0]!;
            foreach (var key in (RedisResult[])page[1]!)
            {
                var info = (RedisResult[])(await redis.Database.ExecuteAsync("VINFO", (string)key!))!;
                for (var i = 0; i + 1 < info.Length; i += 2)
                {
                    if ((string?)info[i] == "quant-type")
                    {
                        return (string?)info[i + 1] switch
                        {
                            "f32" => "NOQUANT",
                            "int8" => "Q8",
                            "bin" => "BIN",
                            var other => other,
                        };
                    }
                }
            }
        }
        while (cursor != "0");
        return null;
    }

    /// <summary>
    /// The layout value recorded in Redis; when there is none yet, records the initial one (HSETNX, so of two
    /// registries starting at once the first wins) and returns what was recorded. One read once recorded.
    /// </summary>
    private async Task<string?> RecordedAsync(string field, Func<Task<string>> initial)
    {
        var recorded = await redis.Database.HashGetAsync(redis.Keys.Meta, field);
        if (!recorded.IsNull)
        {
            return recorded;
        }
        await redis.Database.HashSetAsync(redis.Keys.Meta, field, await initial(), When.NotExists);
        return await redis.Database.HashGetAsync(redis.Keys.Meta, field);
    }
}
