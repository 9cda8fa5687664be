namespace Identities.Registry.Tests;

[Collection(RegistryDeploymentsCollection.Name)]
public sealed class SearchTests(RegistryDeployments redis)
{
    [Theory, OnServerAndCluster]
    public async Task SearchBatch_SeveralQueries_EachFindsItsOwnFaceFirst(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(20);
        var vectors = Enumerable.Range(0, 20).Select(_ => TestVectors.RandomUnit(random)).ToList();
        var faces = new List<string>();
        foreach (var v in vectors)
        {
            faces.Add((await host.Client.EnrollFaceAsync(TestVectors.NewPerson(v))).FaceId);
        }

        var request = new SearchBatchRequest { ModelId = TestVectors.Model, K = 3 };
        request.Queries.AddRange(vectors.Select(v => new SearchQuery { Vector = { v } }));
        var response = await host.Client.SearchBatchAsync(request);

        Assert.Equal(vectors.Count, response.Results.Count);
        for (var i = 0; i < vectors.Count; i++)
        {
            Assert.Equal(faces[i], response.Results[i].Matches[0].FaceId);
            Assert.InRange(response.Results[i].Matches[0].Score, 0.99f, 1.0001f);
        }
    }

    [Theory, OnServerAndCluster]
    public async Task Search_DefaultBinaryIndex_ReturnsExactCosinesOfTheStoredVectors(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(23);
        var target = TestVectors.RandomUnit(random);
        var enrolled = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(target));
        var vectorOf = new Dictionary<string, float[]> { [enrolled.FaceId] = target };
        for (var i = 0; i < 30; i++)
        {
            var other = TestVectors.RandomUnit(random);
            vectorOf[(await host.Client.EnrollFaceAsync(TestVectors.NewPerson(other))).FaceId] = other;
        }
        var query = Blend(target, TestVectors.RandomUnit(random), 0.6f);
        var exact = Vectors.Cosine(query, target);

        var response = await host.Client.SearchAsync(new SearchRequest { Vector = { query }, ModelId = TestVectors.Model, K = 5, MinScore = -1 });
        var stored = (byte[]?)await (await host.DatabaseAsync()).HashGetAsync(host.Keys.Face(enrolled.FaceId), "vector");

        Assert.Equal(enrolled.FaceId, response.Matches[0].FaceId);
        Assert.Equal(exact, response.Matches[0].Score, 5);
        Assert.All(response.Matches, m => Assert.Equal(Vectors.Cosine(query, vectorOf[m.FaceId]), m.Score, 5));
        Assert.Equal(response.Matches.OrderByDescending(m => m.Score).Select(m => m.FaceId), response.Matches.Select(m => m.FaceId));
        Assert.Equal(target, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(stored).ToArray());
    }

    [Theory, OnServerAndCluster]
    public async Task Search_MinScoreJustAboveTheExactCosine_ExcludesTheFace(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(24);
        var target = TestVectors.RandomUnit(random);
        await host.Client.EnrollFaceAsync(TestVectors.NewPerson(target));
        var query = Blend(target, TestVectors.RandomUnit(random), 0.5f);
        var exact = Vectors.Cosine(query, target);

        var below = await host.Client.SearchAsync(new SearchRequest { Vector = { query }, ModelId = TestVectors.Model, K = 1, MinScore = exact - 0.001f });
        var above = await host.Client.SearchAsync(new SearchRequest { Vector = { query }, ModelId = TestVectors.Model, K = 1, MinScore = exact + 0.001f });

        Assert.Single(below.Matches);
        Assert.Empty(above.Matches);
    }

    [Theory, OnServerAndCluster]
    public async Task Search_OtherModelId_NeverSeesTheseVectors(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var vector = TestVectors.RandomUnit(new Random(21));
        await host.Client.EnrollFaceAsync(TestVectors.NewPerson(vector, model: "model-a"));

        var other = await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = "model-b", K = 5 });

        Assert.Empty(other.Matches);
    }

    [Theory, OnServerAndCluster]
    public async Task Search_MinScore_DropsWeakerMatches(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(22);
        var vector = TestVectors.RandomUnit(random);
        await host.Client.EnrollFaceAsync(TestVectors.NewPerson(vector));
        await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));

        var strict = await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model, K = 10, MinScore = 0.5f });
        var loose = await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model, K = 10, MinScore = -1f });

        Assert.Single(strict.Matches);
        Assert.Equal(2, loose.Matches.Count);
    }

    [Theory, OnServerAndCluster]
    public async Task Search_WrongLengthOrBadArguments_AreInvalidArgument(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(23);
        await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));

        var wrongLength = new SearchRequest { Vector = { TestVectors.RandomUnit(random, 128) }, ModelId = TestVectors.Model };
        var badK = new SearchRequest { Vector = { TestVectors.RandomUnit(random) }, ModelId = TestVectors.Model, K = 1000 };
        var badScore = new SearchRequest { Vector = { TestVectors.RandomUnit(random) }, ModelId = TestVectors.Model, MinScore = 2 };
        foreach (var request in new[] { wrongLength, badK, badScore })
        {
            await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, async () => await host.Client.SearchAsync(request));
        }
        await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, async () => await host.Client.SearchBatchAsync(new SearchBatchRequest { ModelId = TestVectors.Model }));
    }

    [Theory, OnServerAndCluster]
    public async Task Search_NothingEnrolledForTheModel_ReturnsNoMatches(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var result = await host.Client.SearchAsync(new SearchRequest { Vector = { TestVectors.RandomUnit(new Random(24)) }, ModelId = "empty-model" });
        Assert.Empty(result.Matches);
    }

    /// <summary>A unit vector between a and b: normalise(a + weight × b).</summary>
    private static float[] Blend(float[] a, float[] b, float weight)
    {
        var v = a.Zip(b, (x, y) => x + (weight * y)).ToArray();
        var norm = (float)Math.Sqrt(v.Sum(x => x * x));
        return [.. v.Select(x => x / norm)];
    }
}
