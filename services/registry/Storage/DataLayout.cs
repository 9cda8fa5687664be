using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Records and checks, at start-up, the layout the data is written in (idn:meta: layout version, shard count,
/// quantization): the first registry to start on empty data records its configuration (HSETNX, so of two starting at
/// once the first wins), every later one compares. Retries until Redis answers. The readiness check only reads
/// <see cref="Problem"/>; a registry whose configuration differs from the data's stays not ready, saying what to do.
/// </summary>
public sealed class DataLayout(RedisConnection redis, IOptions<RegistryOptions> options, ILogger<DataLayout> logger) : BackgroundService
{
    /// <summary>Hash-tagged shards (this release). Data without it is from releases up to 2026-11-29.</summary>
    public const string Version = "2";

    /// <summary>The command that copies data of the old layout into this one (RegistryCommands, LayoutMigration).</summary>
    public const string MigrationCommand = "dotnet Identities.Registry.dll migrate-layout";

    private readonly RegistryOptions _options = options.Value;
    public const string NotChecked = "The data layout has not been checked yet (Redis not reached since start-up).";

    private volatile string? _problem = NotChecked;

    /// <summary>Null once the data is known to be in the configured layout; otherwise why the registry is not ready.</summary>
    public string? Problem => _problem;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                _problem = await CheckAsync();
                if (_problem is not null)
                {
                    logger.LogError("Data layout: {Problem}", _problem);
                }
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or RegistryException)
            {
                await Task.Delay(1000, stoppingToken);
            }
        }
    }

    /// <summary>Records the configured layout on empty data; returns null if the data is in it, else the problem.</summary>
    public async Task<string?> CheckAsync()
    {
        var database = redis.Database;
        var meta = redis.Keys.Meta;
        var shards = _options.Shards.ToString(CultureInfo.InvariantCulture);
        var recorded = await database.HashGetAsync(meta, ["layout", "shards", "vector_quantization", "vector_shards"]);
        if (recorded[0].IsNull)
        {
            if (!recorded[3].IsNull || await database.KeyExistsAsync(redis.Keys.LegacyPersons))
            {
                return $"The data under key prefix '{redis.Keys.Prefix}' is in the layout of releases up to 2026-11-29 (one Redis, no shard " +
                    $"hash tags). Stop the registries and run `{MigrationCommand}` once with this configuration (--from <old Redis> to copy " +
                    "from another server, --delete-old to remove the old keys; docs/REGISTRY.md, \"Upgrade\").";
            }
            await database.HashSetAsync(meta, "shards", shards, When.NotExists);
            await database.HashSetAsync(meta, "vector_quantization", _options.Quantization, When.NotExists);
            await database.HashSetAsync(meta, "layout", Version, When.NotExists);
            recorded = await database.HashGetAsync(meta, ["layout", "shards", "vector_quantization"]);
        }
        if (recorded[1] != shards)
        {
            return $"The gallery in Redis is split into {recorded[1]} shards but Registry:Shards is {shards}; configure {recorded[1]} " +
                "(changing it needs a re-import, see docs/REGISTRY.md).";
        }
        if (recorded[2] != _options.Quantization)
        {
            return $"The gallery's vector sets are {recorded[2]} but Registry:Quantization is {_options.Quantization}; configure {recorded[2]} " +
                "(changing it needs a re-import, see docs/REGISTRY.md).";
        }
        return null;
    }
}
