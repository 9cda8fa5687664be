using System.Collections.Concurrent;
using System.Globalization;
using Identities.Contracts.Errors;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// The vector length of each embedding model, recorded by its first successful enrollment (HSETNX in idn:models, a
/// key of its own) and fixed from then on, so that every shard's vector set of a model has one dimension, though no shard sees
/// the others. Immutable once recorded, so it is cached in the process.
/// </summary>
public sealed class ModelDimensions(RedisConnection redis, IOptions<RegistryOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _known = new(StringComparer.Ordinal);

    /// <summary>The model's dimension, or null when nothing of that model has been enrolled yet.</summary>
    public async Task<int?> GetAsync(string modelId)
    {
        if (_known.TryGetValue(modelId, out var dimension))
        {
            return dimension;
        }
        var recorded = await redis.Database.HashGetAsync(redis.Keys.Models, modelId);
        return recorded.IsNull ? null : _known.GetOrAdd(modelId, (int)recorded);
    }

    /// <summary>Throws dimension_mismatch if the model has a recorded dimension other than <paramref name="dimension"/>.</summary>
    public async Task CheckAsync(string modelId, int dimension)
    {
        if (await GetAsync(modelId) is { } known && known != dimension)
        {
            throw Mismatch(modelId, known, dimension);
        }
    }

    /// <summary>
    /// After a vector of the model is stored: records its dimension if none is (HSETNX). Returns false if another
    /// dimension got recorded first (two first enrollments of one model racing in different shards): the caller undoes.
    /// </summary>
    public async Task<bool> RecordAsync(string modelId, int dimension)
    {
        if (await GetAsync(modelId) is null)
        {
            await RedisRetry.RunAsync(() => redis.Database.HashSetAsync(redis.Keys.Models, modelId, dimension, When.NotExists),
                options.Value.OperationTimeoutMilliseconds);
        }
        return await GetAsync(modelId) == dimension;
    }

    public static RegistryException Mismatch(string modelId, int? known, int dimension) => new(RegistryErrorKind.InvalidArgument, RegistryErrorReasons.DimensionMismatch,
        $"Model '{modelId}' has {known?.ToString(CultureInfo.InvariantCulture)}-d vectors; this vector has {dimension}.");
}
