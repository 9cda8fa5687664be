using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// 1:N search with VSIM on the model's vector set in every shard at once (on Redis Cluster, over connections to every
/// node), merged by exact cosine. VSIM scores are
/// (1 + cosine) / 2; callers get cosine. A batch sends every query to every shard at once, spread over the
/// search connections so Redis runs them in parallel, then looks up the persons of all hits in one more round trip.
/// With <see cref="RegistryOptions.RerankCandidates"/> (quantized sets), VSIM is asked for that many candidates and
/// the same round trip also reads their FP32 vectors from the face hashes: hits are ordered and thresholded by the
/// exact cosine, so a Q8 or BIN index returns what an exact search over those candidates would.
/// </summary>
public sealed class VectorSearch(RedisConnection redis, ModelDimensions dimensions, IOptions<RegistryOptions> options, RegistryMetrics? metrics = null)
{
    private readonly RedisKeys _keys = redis.Keys;
    private readonly RegistryOptions _options = options.Value;

    public async Task<IReadOnlyList<IReadOnlyList<MatchRecord>>> SearchAsync(
        IReadOnlyList<float[]> queries, string modelId, int k, float minCosine)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var database = redis.Database;
        var keys = ShardKeys(modelId);
        var rerank = _options.RerankCandidates > 0;
        var candidates = Math.Max(k, _options.RerankCandidates);
        var searches = queries.Select(q =>
        {
            var blob = VectorBlob.FromFloats(q);
            return keys.Select(key => RedisRetry.RunAsync(() => redis.SearchDatabase.ExecuteAsync("VSIM", SearchArguments(key, blob, candidates)),
                _options.OperationTimeoutMilliseconds)).ToArray();
        }).ToArray();
        var hits = new List<(string FaceId, float Score)>[queries.Count];
        var shardOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < searches.Length; i++)
        {
            var merged = new List<(string FaceId, float Score)>();
            for (var shard = 0; shard < searches[i].Length; shard++)
            {
                // A quantized score may be under the threshold while the exact one is over it: filter after re-ranking.
                var shardHits = ParseHits(await searches[i][shard], rerank ? -1 : minCosine);
                shardHits.ForEach(h => shardOf[h.FaceId] = shard);
                merged.AddRange(shardHits);
            }
            // VSIM's score depends only on the query and the vector (in the index's quantization), not on the shard, so
            // the union cut to the best c is what one set holding every shard would have answered, with each shard's
            // graph small enough to find its own best: a query fetches c vectors to re-rank, whatever the shard count.
            hits[i] = keys.Length == 1 ? merged : [.. merged.OrderByDescending(h => h.Score).Take(candidates)];
            metrics?.RecordCandidates(hits[i].Count);
        }
        metrics?.Stages.Record("search", started);
        started = System.Diagnostics.Stopwatch.GetTimestamp();

        var faceIds = hits.SelectMany(h => h.Select(x => x.FaceId)).Distinct().ToArray();
        RedisValue[] fields = rerank ? ["person", "vector"] : ["person"];
        var stored = faceIds.Select(f => RedisRetry.RunAsync(() => database.HashGetAsync(_keys.Face(f, shardOf[f]), fields),
            _options.OperationTimeoutMilliseconds)).ToArray();
        var found = new Dictionary<string, (string Person, byte[]? Vector)>(faceIds.Length);
        for (var i = 0; i < faceIds.Length; i++)
        {
            var values = await stored[i];
            if (!values[0].IsNull)
            {
                found[faceIds[i]] = (values[0].ToString(), rerank ? (byte[]?)values[1] : null);
            }
        }

        IReadOnlyList<IReadOnlyList<MatchRecord>> ranked = [.. hits.Select((h, q) => Rank(h, found, queries[q], k, minCosine))];
        metrics?.Stages.Record(rerank ? "rerank" : "lookup", started);
        metrics?.RecordRoundTrips("search", (queries.Count * keys.Length) + faceIds.Length);
        return ranked;
    }

    /// <summary>
    /// The k best hits whose face still exists, by exact cosine where the face hash has the vector (faces enrolled
    /// before vectors were kept there, and searches without re-ranking, keep VSIM's score).
    /// </summary>
    private static IReadOnlyList<MatchRecord> Rank(
        List<(string FaceId, float Score)> hits, Dictionary<string, (string Person, byte[]? Vector)> found, float[] query, int k, float minCosine)
    {
        var matches = new List<MatchRecord>(hits.Count);
        foreach (var (faceId, score) in hits)
        {
            if (found.TryGetValue(faceId, out var face))
            {
                var exact = face.Vector is { } vector && vector.Length == query.Length * sizeof(float)
                    ? VectorBlob.Dot(VectorBlob.AsFloats(vector), query)
                    : score;
                if (exact >= minCosine)
                {
                    matches.Add(new MatchRecord(faceId, face.Person, exact));
                }
            }
        }
        return [.. matches.OrderByDescending(m => m.Score).Take(k)];
    }

    /// <summary>Dimension of the model's vectors, or null when nothing of that model is enrolled.</summary>
    public Task<int?> DimensionAsync(string modelId) => dimensions.GetAsync(modelId);

    private string[] ShardKeys(string modelId) => [.. Enumerable.Range(0, _keys.Shards).Select(s => _keys.Vectors(modelId, s))];

    private object[] SearchArguments(string key, byte[] query, int k)
    {
        var arguments = new List<object> { (RedisKey)key, "FP32", query, "WITHSCORES", "COUNT", k };
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
