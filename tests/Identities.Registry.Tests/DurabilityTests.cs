using Identities.Contracts.Errors;

namespace Identities.Registry.Tests;

/// <summary>Acknowledged means on disk: a kill -9 right after the acknowledgements loses nothing.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task EnrollFace_AcknowledgedThenRedisKilled_EveryFaceVectorAndReferenceSurvivesRestart()
    {
        await using var redis = await RedisServer.StartAsync();
        var random = new Random(11);
        var enrolled = new List<(EnrollFaceResponse Result, float[] Vector, string Reference)>();
        string prefix;
        await using (var host = RegistryHost.Start(redis))
        {
            prefix = host.Prefix;
            var person = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random), reference: "dur-0"));
            enrolled.Add((person, [], "dur-0"));
            // Concurrent callers, as a gateway would send them.
            var batch = await Task.WhenAll(Enumerable.Range(1, 40).Select(async i =>
            {
                var vector = TestVectors.RandomUnit(new Random(100 + i));
                var request = i % 2 == 0
                    ? TestVectors.ExistingPerson(person.PersonId, vector, reference: $"dur-{i}")
                    : TestVectors.NewPerson(vector, reference: $"dur-{i}");
                return (await host.Client.EnrollFaceAsync(request), vector, $"dur-{i}");
            }));
            enrolled.AddRange(batch);

            redis.Kill(); // SIGKILL right after the last acknowledgement: no shutdown, no final fsync
        }

        await redis.RestartAsync();
        await using var restarted = RegistryHost.Start(redis, prefix: prefix);
        foreach (var (result, vector, reference) in enrolled)
        {
            var check = await restarted.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = reference });
            Assert.True(check.Exists, $"reference {reference} lost");
            Assert.Equal(result.FaceId, check.FaceId);
            var faces = await restarted.Client.ListFacesAsync(new ListFacesRequest { PersonId = result.PersonId });
            Assert.Contains(faces.Faces, f => f.FaceId == result.FaceId);
            if (vector.Length > 0)
            {
                var match = (await restarted.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model, K = 1 })).Matches[0];
                Assert.Equal(result.FaceId, match.FaceId);
            }
        }
    }

    [Fact]
    public async Task EnrollFace_WaitForAofOnRedisWithoutAof_IsUnavailableAndStoresNothing()
    {
        await using var redis = await RedisServer.StartAsync(appendOnly: false);
        await using var host = RegistryHost.Start(redis, new Dictionary<string, string?> { ["Registry:WaitForAof"] = "true" });
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable, async () => await host.Client.CreatePersonAsync(new CreatePersonRequest()));
        var status = await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(12)), reference: "no-aof")));

        Assert.Equal(RegistryErrorReasons.NotDurable, RpcAssert.Reason(status));
        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "no-aof" })).Exists);
        Assert.Empty(await host.DataKeysAsync());
    }
}
