using System.Globalization;
using Identities.Registry.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Tests;

/// <summary>
/// Data written by the release before shards were hash tags: a registry refuses it, naming the migration command, and
/// after `migrate-layout` every person, face (same ids), vector and reference works as before.
/// </summary>
public sealed class MigrationTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task MigrateLayout_DataOfThePreviousRelease_IsRefusedThenServedWithTheSameIds()
    {
        var prefix = "m" + Guid.NewGuid().ToString("N")[..10];
        var old = await WriteOldLayoutAsync(prefix);
        await using (var refusing = RegistryHost.Start(redis.Server, prefix: prefix))
        {
            var problem = await refusing.LayoutProblemAsync();
            Assert.Contains(DataLayout.MigrationCommand, problem, StringComparison.Ordinal);
            Assert.False((await refusing.ReadinessAsync(waitForReady: false)).IsSuccessStatusCode);
        }

        var options = new RegistryOptions { Redis = redis.Server.ConnectionString, KeyPrefix = prefix };
        using var log = new StringWriter();
        Assert.Equal(0, await RegistryCommands.RunAsync(["migrate-layout", "--delete-old"], options, log));

        await using var host = RegistryHost.Start(redis.Server, prefix: prefix);
        Assert.True((await host.ReadinessAsync()).IsSuccessStatusCode, await host.ReadinessReportAsync() + log);
        var listed = (await host.Client.ListPersonsAsync(new ListPersonsRequest())).Persons;
        Assert.Equal(old.Select(p => p.PersonId).Order(StringComparer.Ordinal), listed.Select(p => p.PersonId));
        Assert.Equal("Old Ada", listed.Single(p => p.PersonId == old[0].PersonId).Name);
        foreach (var (personId, faces) in old)
        {
            Assert.Equal(faces.Select(f => f.FaceId).Order(StringComparer.Ordinal),
                (await host.Client.ListFacesAsync(new ListFacesRequest { PersonId = personId })).Faces.Select(f => f.FaceId));
            foreach (var (faceId, reference, vector) in faces)
            {
                var check = await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = reference });
                Assert.Equal((true, faceId, personId), (check.Exists, check.FaceId, check.PersonId));
                var match = (await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model, K = 1 })).Matches[0];
                Assert.Equal((faceId, personId), (match.FaceId, match.PersonId));
            }
        }
        var legacy = new RedisKeys(prefix, 1);
        string[] oldKeys =
        [
            legacy.LegacyPersons, legacy.LegacyVectors(TestVectors.Model),
            .. old.SelectMany(p => (string[])[legacy.LegacyPerson(p.PersonId), legacy.LegacyPersonFaces(p.PersonId)]),
            .. old.SelectMany(p => p.Faces).SelectMany(f => (string[])[legacy.LegacyFace(f.FaceId), legacy.LegacyReference(f.Reference)]),
        ];
        Assert.Empty((await host.KeysAsync()).Intersect(oldKeys));

        // Writes go on: a face deleted by its old id (found through its pointer), a new face for an old person, the
        // old reference re-enrolled, and a duplicate still refused.
        var (_, oldReference, _) = old[0].Faces[0];
        await host.Client.DeleteFaceAsync(new DeleteFaceRequest { FaceId = old[0].Faces[0].FaceId });
        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = oldReference })).Exists);
        var added = await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(old[0].PersonId, TestVectors.RandomUnit(new Random(90)), reference: oldReference));
        Assert.Equal(old[0].PersonId, added.PersonId);
        await RpcAssert.FailsWithAsync(StatusCode.AlreadyExists,
            async () => await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(91)), reference: old[1].Faces[0].Reference)));
        Assert.Equal(2, (await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = old[1].PersonId })).DeletedFaces);
        Assert.Equal(2L, await host.VectorCountAsync(TestVectors.Model));
    }

    /// <summary>Two persons with two faces each, as the release of 2026-11-29 wrote them (keys without hash tags).</summary>
    private async Task<List<(string PersonId, List<(string FaceId, string Reference, float[] Vector)> Faces)>> WriteOldLayoutAsync(string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var db = connection.GetDatabase();
        var keys = new RedisKeys(prefix, 1);
        var random = new Random(89);
        var persons = new List<(string, List<(string, string, float[])>)>();
        for (var p = 0; p < 2; p++)
        {
            var personId = Guid.CreateVersion7().ToString();
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            await db.HashSetAsync(keys.LegacyPerson(personId), [new("name", p == 0 ? "Old Ada" : "Old Bo"), new("tags", "[]"), new("attributes", "{}"), new("created", now), new("updated", now)]);
            await db.SortedSetAddAsync(keys.LegacyPersons, personId, 0);
            var faces = new List<(string, string, float[])>();
            for (var f = 0; f < 2; f++)
            {
                var faceId = Guid.CreateVersion7().ToString();
                var reference = $"old-{p}-{f}";
                var vector = TestVectors.RandomUnit(random);
                var blob = VectorBlob.FromFloats(vector);
                // The first face as enrolled before the FP32 copy was kept: its vector only in the (NOQUANT) set.
                HashEntry[] fields = [new("person", personId), new("model", TestVectors.Model), new("box", "{\"X\":1,\"Y\":2,\"Width\":3,\"Height\":4}"),
                    new("quality", "0.9"), new("reference", reference), new("detect", Guid.NewGuid().ToString()), new("created", now),
                    new("vectors", keys.LegacyVectors(TestVectors.Model))];
                await db.HashSetAsync(keys.LegacyFace(faceId), f == 0 ? fields : [.. fields, new("vector", blob)]);
                await db.SetAddAsync(keys.LegacyPersonFaces(personId), faceId);
                await db.StringSetAsync(keys.LegacyReference(reference), faceId);
                await db.ExecuteAsync("VADD", keys.LegacyVectors(TestVectors.Model), "FP32", blob, faceId, "NOQUANT", "SETATTR", $"{{\"person\":\"{personId}\"}}");
                faces.Add((faceId, reference, vector));
            }
            persons.Add((personId, faces));
        }
        await db.HashSetAsync(keys.Meta, [new("vector_shards", "1"), new("vector_quantization", "NOQUANT")]);
        return persons;
    }
}
