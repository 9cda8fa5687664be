using Google.Protobuf;
using Identities.Detector.Grpc;
using Identities.Detector.V1;
using Identities.Embedder.Grpc;
using Identities.Embedder.V1;
using Xunit.Abstractions;

namespace Identities.Registry.Tests;

/// <summary>
/// The registry's search (VSIM: approximate, HNSW; quantized sets re-ranked by exact cosine) against exact
/// brute-force search on a few thousand real-looking vectors: the shared photos' embeddings and random
/// perturbations of them.
/// </summary>
public sealed class SearchQualityTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private const int Gallery = 3000;
    private const int Queries = 300;

    private static readonly SemaphoreSlim EmbeddingLock = new(1, 1);
    private static List<float[]>? _embeddings;

    [SkippableTheory]
    [InlineData("NOQUANT", 0)]
    [InlineData("Q8", 20)]
    [InlineData("BIN", 50)]
    public async Task Search_ThousandsOfFaceLikeVectors_TopOneEqualsExactSearchInAtLeast99Percent(string quantization, int rerank)
    {
        SharedFaces.SkipIfMissing();
        var bases = await SharedPhotoEmbeddingsAsync();
        var random = new Random(30);
        var gallery = Enumerable.Range(0, Gallery).Select(i => Perturb(bases[i % bases.Count], random, 0.5)).ToList();
        var queries = Enumerable.Range(0, Queries).Select(i => Perturb(bases[random.Next(bases.Count)], random, 0.5)).ToList();

        // Default EF; durability is not what this test measures.
        await using var host = RegistryHost.Start(redis.Server, new Dictionary<string, string?>
        {
            ["Registry:WaitForAof"] = "false",
            ["Registry:Quantization"] = quantization,
            ["Registry:RerankCandidates"] = rerank.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var faceIds = new string[gallery.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, gallery.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            faceIds[i] = (await host.Client.EnrollFaceAsync(TestVectors.NewPerson(gallery[i], model: "quality"))).FaceId);

        var request = new SearchBatchRequest { ModelId = "quality", K = 1, MinScore = -1 };
        var agree = 0;
        var worstScoreError = 0.0;
        foreach (var chunk in queries.Chunk(100))
        {
            request.Queries.Clear();
            request.Queries.AddRange(chunk.Select(q => new SearchQuery { Vector = { q } }));
            var results = await host.Client.SearchBatchAsync(request);
            for (var i = 0; i < chunk.Length; i++)
            {
                var exact = ExactTopOne(gallery, chunk[i]);
                var matches = results.Results[i].Matches;
                agree += matches.Count > 0 && matches[0].FaceId == faceIds[exact] ? 1 : 0;
                if (matches.Count > 0)
                {
                    var index = Array.IndexOf(faceIds, matches[0].FaceId);
                    worstScoreError = Math.Max(worstScoreError, Math.Abs(matches[0].Score - Vectors.Cosine(gallery[index], chunk[i])));
                }
            }
        }

        var share = agree / (double)queries.Count;
        output.WriteLine($"{quantization}, re-rank {rerank}: top-1 equal to exact search {agree}/{queries.Count} ({share:P1}) over {Gallery} vectors " +
            $"from {bases.Count} photos; largest |score - exact cosine| {worstScoreError:F5}");
        Assert.True(share >= 0.99, $"top-1 agreed with exact search in only {share:P1} of queries");
        if (rerank > 0)
        {
            Assert.True(worstScoreError < 1e-4, $"a re-ranked score differs from the exact cosine by {worstScoreError}");
        }
    }

    private static async Task<List<float[]>> SharedPhotoEmbeddingsAsync()
    {
        await EmbeddingLock.WaitAsync();
        try
        {
            return _embeddings ??= await EmbedSharedPhotosAsync();
        }
        finally
        {
            EmbeddingLock.Release();
        }
    }

    private static async Task<List<float[]>> EmbedSharedPhotosAsync()
    {
        await using var detectorHost = new WorkerFactory<FaceDetectorService>();
        await using var embedderHost = new WorkerFactory<FaceEmbedderService>();
        var detector = new FaceDetector.FaceDetectorClient(await detectorHost.StartServingAsync(TimeSpan.FromMinutes(2)));
        var embedder = new FaceEmbedder.FaceEmbedderClient(await embedderHost.StartServingAsync(TimeSpan.FromMinutes(2)));
        var vectors = new List<float[]>();
        foreach (var file in SharedFaces.PortraitFiles())
        {
            var faces = (await detector.DetectAsync(new DetectRequest { Image = ByteString.CopyFrom(SharedFaces.Read(file)) })).Faces;
            var crop = faces[0].Aligned;
            var embedding = await embedder.EmbedAsync(new EmbedRequest { Faces = { new FaceCrop { Width = crop.Width, Height = crop.Height, Rgb = crop.Rgb } } });
            vectors.Add([.. embedding.Embeddings[0].Values]);
        }
        return vectors;
    }

    /// <summary>A unit vector near <paramref name="v"/>: Gaussian noise of norm about <paramref name="noise"/>, renormalised.</summary>
    private static float[] Perturb(float[] v, Random random, double noise)
    {
        var sigma = noise / Math.Sqrt(v.Length);
        var result = new float[v.Length];
        double norm = 0;
        for (var i = 0; i < v.Length; i++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            result[i] = (float)(v[i] + (sigma * gaussian));
            norm += result[i] * result[i];
        }
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < v.Length; i++)
        {
            result[i] *= scale;
        }
        return result;
    }

    private static int ExactTopOne(List<float[]> gallery, float[] query)
    {
        var best = -1;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < gallery.Count; i++)
        {
            double dot = 0;
            for (var d = 0; d < query.Length; d++)
            {
                dot += gallery[i][d] * query[d];
            }
            if (dot > bestScore)
            {
                bestScore = dot;
                best = i;
            }
        }
        return best;
    }
}
