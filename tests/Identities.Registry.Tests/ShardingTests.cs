using System.Net;
using Identities.Registry.Storage;

namespace Identities.Registry.Tests;

/// <summary>
/// The gallery in shards: a person with all its faces and vectors in one shard (one hash tag), searches over every
/// shard, deletes in the person's shard, and a layout recorded at start-up that a differently configured registry refuses.
/// </summary>
[Collection(RegistryDeploymentsCollection.Name)]
public sealed class ShardingTests(RegistryDeployments redis)
{
    private static readonly Dictionary<string, string?> FourShards = new() { ["Registry:Shards"] = "4" };

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_FourShards_SpreadsPersonsOverEveryShardWithEachPersonInOne(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment], FourShards);
        var random = new Random(40);
        var persons = new List<EnrollFaceResponse>();
        for (var i = 0; i < 40; i++)
        {
            var first = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));
            var second = await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(first.PersonId, TestVectors.RandomUnit(random)));
            persons.Add(first);
            Assert.Equal(Shards.ShardOf(first.PersonId, 4), Shards.ShardOf(first.FaceId, 4));
            Assert.Equal(Shards.ShardOf(first.PersonId, 4), Shards.ShardOf(second.FaceId, 4));
        }

        var counts = await ShardCountsAsync(host);

        Assert.All(counts, c => Assert.True(c > 0, $"a shard stayed empty: {string.Join(",", counts)}"));
        Assert.Equal(80, counts.Sum());
        // Every key of a person carries its shard's hash tag.
        var keys = await host.DataKeysAsync();
        var person = persons[0].PersonId;
        var tag = host.Keys.Tag(Shards.ShardOf(person, 4));
        Assert.All(keys.Where(k => k.Contains(person, StringComparison.Ordinal) || k.Contains(persons[0].FaceId, StringComparison.Ordinal)),
            k => Assert.Contains(tag, k, StringComparison.Ordinal));
        Assert.All(keys.Where(k => !k.Contains(":ref:", StringComparison.Ordinal)), k => Assert.Matches(@"\{s\d+-\d+\}", k));
    }

    [Theory, OnServerAndCluster]
    public async Task SearchBatch_FourShards_EachQueryFindsItsOwnFaceFirst(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment], FourShards);
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

    [Theory, OnServerAndCluster]
    public async Task DeleteFaceAndPerson_FourShards_RemoveEveryVectorFromItsShard(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment], FourShards);
        var random = new Random(42);
        var first = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));
        var faceIds = new List<string> { first.FaceId };
        for (var i = 0; i < 7; i++)
        {
            faceIds.Add((await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(first.PersonId, TestVectors.RandomUnit(random)))).FaceId);
        }
        var other = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));

        await host.Client.DeleteFaceAsync(new DeleteFaceRequest { FaceId = faceIds[0] });
        Assert.Equal(8, (await ShardCountsAsync(host)).Sum());
        await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = first.PersonId });

        Assert.Equal(1, (await ShardCountsAsync(host)).Sum());
        var database = await host.DatabaseAsync();
        Assert.True((bool)await database.ExecuteAsync("VISMEMBER", (StackExchange.Redis.RedisKey)host.Keys.Vectors(TestVectors.Model, Shards.ShardOf(other.PersonId, 4)), other.FaceId));
    }

    [Theory]
    [OnServerAndCluster("Shards", "4", "2")]
    [OnServerAndCluster("Quantization", "NOQUANT", "BIN")]
    public async Task Readiness_LayoutSettingDiffersFromTheRecordedOne_IsNotReady(Deployment deployment, string setting, string written, string configured)
    {
        await using var writer = RegistryHost.Start(redis[deployment], new Dictionary<string, string?> { ["Registry:" + setting] = written });
        await writer.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(43))));
        Assert.True((await writer.ReadinessAsync()).IsSuccessStatusCode, await writer.ReadinessReportAsync());

        await using var misconfigured = RegistryHost.Start(redis[deployment], new Dictionary<string, string?> { ["Registry:" + setting] = configured }, writer.Prefix);
        var problem = await misconfigured.LayoutProblemAsync();
        var response = await misconfigured.ReadinessAsync(waitForReady: false);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("configure " + written, problem, StringComparison.Ordinal);
    }

    [Theory, OnServerAndCluster]
    public async Task Readiness_ProbedRepeatedly_WritesNothing(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        Assert.True((await host.ReadinessAsync()).IsSuccessStatusCode, await host.ReadinessReportAsync());
        var database = await host.DatabaseAsync();
        await database.KeyDeleteAsync(host.Keys.Meta);

        for (var i = 0; i < 3; i++)
        {
            await host.ReadinessAsync(waitForReady: false);
        }

        Assert.False(await database.KeyExistsAsync(host.Keys.Meta));
    }

    [Fact]
    public void ShardOf_SameId_IsStableAndInRange()
    {
        var ids = Enumerable.Range(0, 1000).Select(i => $"01a214b5-85e9-752a-bd71-{i:D12}").ToList();
        var shards = ids.Select(id => Shards.ShardOf(id, 4)).ToList();

        Assert.Equal(shards, ids.Select(id => Shards.ShardOf(id, 4)));
        Assert.All(shards, s => Assert.InRange(s, 0, 3));
        Assert.All(Enumerable.Range(0, 4), s => Assert.InRange(shards.Count(x => x == s), 200, 300));
        // FNV-1a of "a" is 0xE40C292C: pinned, so a release never moves existing persons to another shard.
        Assert.Equal((int)(0xE40C292Cu % 7), Shards.ShardOf("a", 7));
        Assert.Equal(0, Shards.ShardOf("anything", 1));
    }

    [Fact]
    public void Tag_EveryShard_LiesInItsShareOfTheSlotRangeAndIsPinned()
    {
        for (var shards = 1; shards <= 64; shards *= 2)
        {
            for (var shard = 0; shard < shards; shard++)
            {
                var slot = Shards.HashSlot(Shards.Tag(shard, shards));
                Assert.InRange(slot, shard * Shards.SlotCount / shards, ((shard + 1) * Shards.SlotCount / shards) - 1);
            }
        }
        // Redis's own CLUSTER KEYSLOT of "123456789" is 12739 (CRC16/XMODEM 0x31C3): pinned with the tags it yields.
        Assert.Equal(12739, Shards.HashSlot("123456789"));
        Assert.Equal(["s0-1", "s1-3", "s2-0"], Enumerable.Range(0, 3).Select(s => Shards.Tag(s, 3)));
    }

    private static async Task<long[]> ShardCountsAsync(RegistryHost host)
    {
        var database = await host.DatabaseAsync();
        var counts = new long[host.Keys.Shards];
        for (var s = 0; s < counts.Length; s++)
        {
            StackExchange.Redis.RedisKey key = host.Keys.Vectors(TestVectors.Model, s);
            counts[s] = await database.KeyExistsAsync(key) ? (long)await database.ExecuteAsync("VCARD", key) : 0;
        }
        return counts;
    }
}
