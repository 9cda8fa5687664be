using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// 1:N search with VSIM on the model's vector set (every shard of it, merged by score). VSIM scores are
/// (1 + cosine) / 2; callers get cosine. A batch sends every query to every shard at once, spread over the
/// search connections so Redis runs them in parallel, then looks up the persons of all hits in one more round trip.
/// </summary>
public sealed class VectorSearch(RedisConnection redis, IOptions<RegistryOptions> options)
{
    private readonly RedisKeys _keys = redis.Keys;
    private readonly RegistryOptions _options = options.Value;

    public async Task<IReadOnlyList<IReadOnlyList<MatchRecord>>> SearchAsync(
        IReadOnlyList<float[]> queries, string modelId, int k, float minCosine)
    {
        var database = redis.Database;
        var keys = ShardKeys(modelId);
        var searches = queries.Select(q =>
        {
            var blob = VectorBlob.FromFloats(q);
            return keys.Select(key => redis.SearchDatabase.ExecuteAsync("VSIM", SearchArguments(key, blob, k))).ToArray();
        }).ToArray();
        var hits = new List<(string FaceId, float Score)>[queries.Count];
        for (var i = 0; i < searches.Length; i++)
        {
            var merged = new List<(string FaceId, float Score)>();
            foreach (var shard in searches[i])
            {
                merged.AddRange(ParseHits(await shard, minCosine));
            }
            hits[i] = keys.Length == 1 ? merged : [.. merged.OrderByDescending(h => h.Score).Take(k)];
        }

        var faceIds = hits.SelectMany(h => h.Select(x => x.FaceId)).Distinct().ToArray();
        var persons = faceIds.Select(f => database.HashGetAsync(_keys.Face(f), "person")).ToArray();
        var personOf = new Dictionary<string, string>(faceIds.Length);
        for (var i = 0; i < faceIds.Length; i++)
        {
            var person = await persons[i];
            if (!person.IsNull)
            {
                personOf[faceIds[i]] = person.ToString();
            }
        }

        return [.. hits.Select(h => (IReadOnlyList<MatchRecord>)[.. h
            .Where(x => personOf.ContainsKey(x.FaceId))
            .Select(x => new MatchRecord(x.FaceId, personOf[x.FaceId], x.Score))])];
    }

    /// <summary>Dimension of the model's vectors, or null when nothing of that model is enrolled.</summary>
    public async Task<int?> DimensionAsync(string modelId)
    {
        var database = redis.Database;
        foreach (var key in ShardKeys(modelId))
        {
            if (await database.KeyExistsAsync(key))
            {
                return (int)await database.ExecuteAsync("VDIM", key);
            }
        }
        return null;
    }

    private string[] ShardKeys(string modelId) =>
        [.. Enumerable.Range(0, _options.VectorShards).Select(s => _keys.Vectors(modelId, s, _options.VectorShards))];

    private object[] SearchArguments(string key, byte[] query, int k)
    {
        var arguments = new List<object> { key, "FP32", query, "WITHSCORES", "COUNT", k };
        if (_options.SearchExplorationFactor > 0)
        {
            arguments.Add("EF");
            arguments.Add(_options.SearchExplorationFactor);
        }
        return [.. arguments];
    }

    private static List<(string FaceId, float Score)> ParseHits(RedisResult result, float minCosine)
    {
        var hits = new List<(string, float)>();
        if (result.IsNull)
        {
            return hits; // no vector set for this model yet
        }
        var items = (RedisResult[])result!;
        // RESP2 reply: element, score, element, score, ...
        for (var i = 0; i + 1 < items.Length; i += 2)
        {
            var similarity = double.Parse((string)items[i + 1]!, CultureInfo.InvariantCulture);
            var cosine = (float)((2 * similarity) - 1);
            if (cosine >= minCosine)
            {
                hits.Add(((string)items[i]!, cosine));
            }
        }
        return hits;
    }
}
