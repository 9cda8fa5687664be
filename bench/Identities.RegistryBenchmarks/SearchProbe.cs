using System.Diagnostics;
using Identities.Registry.Storage;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Sends each query through the registry's own <see cref="VectorSearch"/>, one at a time (k = 1), and scores its top-1
/// against exact float32 search and against the query's person. Sections g and h measure the same way.
/// </summary>
internal static class SearchProbe
{
    public static async Task<SearchProbeResult> RunAsync(VectorSearch search, QuerySet queries, int[] exactIndex,
        IReadOnlyDictionary<string, int> indexOf)
    {
        var latencies = new double[queries.Count];
        int exact = 0, person = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            var t0 = Stopwatch.GetTimestamp();
            var hits = (await search.SearchAsync([queries.Vector(q)], RegistryLoader.Model, 1, -1))[0];
            latencies[q] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (hits.Count > 0 && indexOf.TryGetValue(hits[0].FaceId, out var index))
            {
                exact += index == exactIndex[q] ? 1 : 0;
                person += index / FaceData.FacesPerIdentity == queries.IdentityOf[q] ? 1 : 0;
            }
        }
        Array.Sort(latencies);
        return new SearchProbeResult(latencies, (double)exact / queries.Count, (double)person / queries.Count);
    }
}
