using Identities.Contracts.Errors;
using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// The vector length of each embedding model, recorded by its first enrollment (HSETNX in idn:models, a key of its
/// own) and fixed from then on, so that every shard's vector set of a model has one dimension, though no shard sees
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

    /// <summary>Records the dimension if the model has none yet; throws dimension_mismatch if it has another.</summary>
    public async Task EnsureAsync(string modelId, int dimension)
    {
        var known = await GetAsync(modelId);
        if (known is null)
        {
            await RedisRetry.RunAsync(() => redis.Database.HashSetAsync(redis.Keys.Models, modelId, dimension, When.NotExists),
                options.Value.OperationTimeoutMilliseconds);
            known = await GetAsync(modelId);
        }
        if (known != dimension)
        {
            throw new RegistryException(RegistryErrorKind.InvalidArgument, RegistryErrorReasons.DimensionMismatch,
                $"Model '{modelId}' has {known?.ToString(CultureInfo.InvariantCulture)}-d vectors; this vector has {dimension}.");
        }
    }
}
