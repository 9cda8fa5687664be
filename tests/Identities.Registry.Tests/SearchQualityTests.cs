using Google.Protobuf;
using Identities.Detector.Grpc;
using Identities.Detector.V1;
using Identities.Embedder.Grpc;
using Identities.Embedder.V1;
using Identities.Registry.V1;
using Identities.Testing;
using Xunit.Abstractions;

namespace Identities.Registry.Tests;

/// <summary>
/// VSIM (approximate, HNSW, Q8) against exact brute-force search on a few thousand real-looking
/// vectors: the shared photos' embeddings and random perturbations of them.
/// </summary>
public sealed class SearchQualityTests(RedisFixture redis, ITestOutputHelper output) : IClassFixture<RedisFixture>
{
    private const int Gallery = 3000;
    private const int Queries = 300;

    [SkippableFact]
    public async Task Search_ThousandsOfFaceLikeVectors_TopOneEqualsExactSearchInAtLeast99Percent()
    {
        SharedFaces.SkipIfMissing();
        var bases = await EmbedSharedPhotosAsync();
        var random = new Random(30);
        var gallery = Enumerable.Range(0, Gallery).Select(i => Perturb(bases[i % bases.Count], random, 0.5)).ToList();
        var queries = Enumerable.Range(0, Queries).Select(i => Perturb(bases[random.Next(bases.Count)], random, 0.5)).ToList();

        // Default quantization and EF; durability is not what this test measures.
        await using var host = RegistryHost.Start(redis.Server, new Dictionary<string, string?> { ["Registry:WaitForAof"] = "false" });
        var faceIds = new string[gallery.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, gallery.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            faceIds[i] = (await host.Client.EnrollFaceAsync(TestVectors.NewPerson(gallery[i], model: "quality"))).FaceId);

        var request = new SearchBatchRequest { ModelId = "quality", K = 1, MinScore = -1 };
        var agree = 0;
        foreach (var chunk in queries.Chunk(100))
        {
            request.Queries.Clear();
            request.Queries.AddRange(chunk.Select(q => new SearchQuery { Vector = { q } }));
            var results = await host.Client.SearchBatchAsync(request);
            for (var i = 0; i < chunk.Length; i++)
            {
                var exact = faceIds[ExactTopOne(gallery, chunk[i])];
                agree += results.Results[i].Matches.Count > 0 && results.Results[i].Matches[0].FaceId == exact ? 1 : 0;
            }
        }

        var share = agree / (double)queries.Count;
        output.WriteLine($"top-1 equal to exact search: {agree}/{queries.Count} ({share:P1}) over {Gallery} vectors from {bases.Count} photos");
        Assert.True(share >= 0.99, $"top-1 agreed with exact search in only {share:P1} of queries");
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
