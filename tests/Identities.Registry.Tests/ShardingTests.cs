using System.Net;
using Identities.Registry.Storage;
using Identities.Registry.V1;

namespace Identities.Registry.Tests;

/// <summary>A gallery split over several vector sets: writes land in one shard, searches see all, deletes find theirs.</summary>
public sealed class ShardingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly Dictionary<string, string?> FourShards = new() { ["Registry:VectorShards"] = "4" };

    [Fact]
    public async Task EnrollFace_FourShards_SpreadsVectorsOverEveryShard()
    {
        await using var host = RegistryHost.Start(redis.Server, FourShards);
        var random = new Random(40);
        for (var i = 0; i < 40; i++)
        {
            await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));
        }

        var counts = await ShardCountsAsync(host, 4);

        Assert.All(counts, c => Assert.True(c > 0, $"a shard stayed empty: {string.Join(",", counts)}"));
        Assert.Equal(40, counts.Sum());
        Assert.DoesNotContain($"{host.Prefix}:vectors:{TestVectors.Model}", await host.KeysAsync());
    }

    [Fact]
    public async Task SearchBatch_FourShards_EachQueryFindsItsOwnFaceFirst()
    {
        await using var host = RegistryHost.Start(redis.Server, FourShards);
        var random = new Random(41);
        var vectors = Enumerable.Range(0, 24).Select(_ => TestVectors.RandomUnit(random)).ToList();
        var faces = new List<string>();
        foreach (var v in vectors)
        {
            faces.Add((await host.Client.EnrollFaceAsync(TestVectors.NewPerson(v))).FaceId);
        }

        var request = new SearchBatchRequest { ModelId = TestVectors.Model, K = 3, MinScore = -1 };
        request.Queries.AddRange(vectors.Select(v => new SearchQuery { Vector = { v } }));
        var response = await host.Client.SearchBatchAsync(request);

        for (var i = 0; i < vectors.Count; i++)
        {
            var matches = response.Results[i].Matches;
            Assert.Equal(faces[i], matches[0].FaceId);
            Assert.Equal(3, matches.Count);
            Assert.True(matches[0].Score >= matches[1].Score && matches[1].Score >= matches[2].Score, "matches merged out of order");
        }
    }

    [Fact]
    public async Task DeleteFaceAndPerson_FourShards_RemoveEveryVectorFromItsShard()
    {
        await using var host = RegistryHost.Start(redis.Server, FourShards);
        var random = new Random(42);
        var first = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));
        var faceIds = new List<string> { first.FaceId };
        for (var i = 0; i < 7; i++)
        {
            var more = TestVectors.NewPerson(TestVectors.RandomUnit(random));
            more.PersonId = first.PersonId;
            faceIds.Add((await host.Client.EnrollFaceAsync(more)).FaceId);
        }
        var other = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));

        await host.Client.DeleteFaceAsync(new DeleteFaceRequest { FaceId = faceIds[0] });
        Assert.Equal(8, (await ShardCountsAsync(host, 4)).Sum());
        await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = first.PersonId });

        Assert.Equal(1, (await ShardCountsAsync(host, 4)).Sum());
        var database = await host.DatabaseAsync();
        var shard = VectorShards.ShardOf(other.FaceId, 4);
        Assert.True((bool)await database.ExecuteAsync("VISMEMBER", $"{host.Prefix}:vectors:{TestVectors.Model}:{shard}", other.FaceId));
    }

    [Fact]
    public async Task Readiness_ShardCountDiffersFromTheRecordedOne_IsNotReady()
    {
        await using var writer = RegistryHost.Start(redis.Server, FourShards);
        await writer.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(43))));
        using var writerHttp = writer.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await writerHttp.GetAsync("/health/ready")).StatusCode);

        await using var misconfigured = RegistryHost.Start(redis.Server, new Dictionary<string, string?> { ["Registry:VectorShards"] = "2" }, writer.Prefix);
        using var http = misconfigured.CreateHttpClient();
        var response = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_QuantizationDiffersFromTheRecordedOne_IsNotReady()
    {
        await using var writer = RegistryHost.Start(redis.Server, new Dictionary<string, string?> { ["Registry:Quantization"] = "NOQUANT" });
        await writer.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(44))));
        using var writerHttp = writer.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await writerHttp.GetAsync("/health/ready")).StatusCode);

        await using var misconfigured = RegistryHost.Start(redis.Server, new Dictionary<string, string?> { ["Registry:Quantization"] = "BIN" }, writer.Prefix);
        using var http = misconfigured.CreateHttpClient();
        var response = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Readiness_DataFromBeforeQuantizationWasRecorded_RecordsTheExistingSetsQuantization()
    {
        string prefix;
        await using (var writer = RegistryHost.Start(redis.Server, new Dictionary<string, string?> { ["Registry:Quantization"] = "NOQUANT" }))
        {
            await writer.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(45))));
            prefix = writer.Prefix;
        }

        await using var upgraded = RegistryHost.Start(redis.Server, new Dictionary<string, string?> { ["Registry:Quantization"] = "BIN" }, prefix);
        var database = await upgraded.DatabaseAsync();
        // As an older release left it: the shard count recorded, the quantization not.
        await database.HashDeleteAsync($"{prefix}:meta", "vector_quantization");
        using var http = upgraded.CreateHttpClient();
        var response = await http.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("NOQUANT", (string?)await database.HashGetAsync($"{prefix}:meta", "vector_quantization"));
    }

    [Fact]
    public void ShardOf_SameId_IsStableAndInRange()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"01a214b5-85e9-752a-bd71-{i:D12}").ToList();
        var shards = ids.Select(id => VectorShards.ShardOf(id, 4)).ToList();

        Assert.Equal(shards, ids.Select(id => VectorShards.ShardOf(id, 4)));
        Assert.All(shards, s => Assert.InRange(s, 0, 3));
        Assert.All(Enumerable.Range(0, 4), s => Assert.InRange(shards.Count(x => x == s), 200, 300));
        // FNV-1a of "a" is 0xE40C292C: pinned, so a release never moves existing faces to another shard.
        Assert.Equal((int)(0xE40C292Cu % 7), VectorShards.ShardOf("a", 7));
        Assert.Equal(0, VectorShards.ShardOf("anything", 1));
    }

    private static async Task<long[]> ShardCountsAsync(RegistryHost host, int shards)
    {
        var database = await host.DatabaseAsync();
        var counts = new long[shards];
        for (var s = 0; s < shards; s++)
        {
            var key = $"{host.Prefix}:vectors:{TestVectors.Model}:{s}";
            counts[s] = await database.KeyExistsAsync(key) ? (long)await database.ExecuteAsync("VCARD", key) : 0;
        }
        return counts;
    }
}
