using Identities.Contracts.Errors;

namespace Identities.Registry.Tests;

[Collection(RegistryDeploymentsCollection.Name)]
public sealed class PersonTests(RegistryDeployments redis)
{
    [Theory, OnServerAndCluster]
    public async Task CreatePerson_WithDetails_IsReadBackWithTimes(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var created = await host.Client.CreatePersonAsync(new CreatePersonRequest
        {
            Details = new PersonDetails { Name = "Grace", Tags = { "staff", "night" }, Attributes = { ["badge"] = "42" } },
        });

        var read = await host.Client.GetPersonAsync(new GetPersonRequest { PersonId = created.PersonId });
        Assert.Equal("Grace", read.Name);
        Assert.Equal(["staff", "night"], read.Tags);
        Assert.Equal("42", read.Attributes["badge"]);
        Assert.Equal(0, read.FaceCount);
        Assert.True(read.CreatedAt.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Theory, OnServerAndCluster]
    public async Task UpdatePerson_OnlyTheGivenParts_AreChanged(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var created = await host.Client.CreatePersonAsync(new CreatePersonRequest
        {
            Details = new PersonDetails { Name = "Alan", Tags = { "a" }, Attributes = { ["k"] = "v" } },
        });

        var updated = await host.Client.UpdatePersonAsync(new UpdatePersonRequest { PersonId = created.PersonId, Tags = new TagList { Values = { "b", "c" } } });
        Assert.Equal("Alan", updated.Name);
        Assert.Equal(["b", "c"], updated.Tags);
        Assert.Equal("v", updated.Attributes["k"]);

        updated = await host.Client.UpdatePersonAsync(new UpdatePersonRequest { PersonId = created.PersonId, Name = "Alan T.", Attributes = new AttributeMap() });
        Assert.Equal("Alan T.", updated.Name);
        Assert.Empty(updated.Attributes);
        Assert.Equal(["b", "c"], updated.Tags);
    }

    [Theory, OnServerAndCluster]
    public async Task GetUpdateDeletePerson_UnknownId_AreNotFound(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var id = Guid.NewGuid().ToString();
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, async () => await host.Client.GetPersonAsync(new GetPersonRequest { PersonId = id }));
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, async () => await host.Client.UpdatePersonAsync(new UpdatePersonRequest { PersonId = id, Name = "x" }));
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, async () => await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = id }));
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, async () => await host.Client.ListFacesAsync(new ListFacesRequest { PersonId = id }));
        Assert.Empty(await host.DataKeysAsync());
    }

    [Theory, OnServerAndCluster]
    public async Task GetPerson_MalformedId_IsInvalidArgumentNamingTheField(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, async () => await host.Client.GetPersonAsync(new GetPersonRequest { PersonId = "not-a-guid" }));
        Assert.Equal(RegistryErrorReasons.MalformedId, RpcAssert.Reason(status));
        Assert.Equal("person_id", status!.GetDetail<Google.Rpc.BadRequest>().FieldViolations[0].Field);
    }

    [Theory, OnServerAndCluster]
    public async Task ListPersons_InPages_ReturnsEveryPersonOnceInIdOrder(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await host.Client.CreatePersonAsync(new CreatePersonRequest { Details = new PersonDetails { Name = $"p{i}" } })).PersonId);
        }

        var seen = await ListAllAsync(host, pageSize: 3, afterEachPage: _ => Task.CompletedTask);

        // Id order over every shard: UUIDv7, so creation order to the millisecond.
        Assert.Equal(created.Order(StringComparer.Ordinal), seen);
    }

    [Theory, OnServerAndCluster]
    public async Task ListPersons_PersonsDeletedWhilePaging_EveryRemainingPersonOnce(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var created = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            created.Add((await host.Client.CreatePersonAsync(new CreatePersonRequest { Details = new PersonDetails { Name = $"p{i}" } })).PersonId);
        }
        var ordered = created.Order(StringComparer.Ordinal).ToList();
        var deleted = new HashSet<string>();

        var seen = await ListAllAsync(host, pageSize: 4, afterEachPage: async page =>
        {
            // Delete the page's last person (the token) and one not yet listed.
            foreach (var id in new[] { page[^1], ordered.Last(id => !deleted.Contains(id)) })
            {
                if (deleted.Add(id))
                {
                    await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = id });
                }
            }
        });

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.All(ordered.Where(id => !deleted.Contains(id)), id => Assert.Contains(id, seen));
    }

    private static async Task<List<string>> ListAllAsync(RegistryHost host, int pageSize, Func<IReadOnlyList<string>, Task> afterEachPage)
    {
        var seen = new List<string>();
        var token = "";
        do
        {
            var page = await host.Client.ListPersonsAsync(new ListPersonsRequest { PageSize = pageSize, PageToken = token });
            Assert.True(page.Persons.Count <= pageSize);
            var ids = page.Persons.Select(p => p.PersonId).ToList();
            seen.AddRange(ids);
            token = page.NextPageToken;
            if (ids.Count > 0)
            {
                await afterEachPage(ids);
            }
        }
        while (token.Length > 0);
        return seen;
    }

    [Theory, OnServerAndCluster]
    public async Task DeletePerson_WithFaces_RemovesEveryKeyVectorAndReference(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(1);
        var first = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random), reference: "ref-a"));
        await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(first.PersonId, TestVectors.RandomUnit(random), reference: "ref-b"));

        var deleted = await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = first.PersonId });

        Assert.Equal(2, deleted.DeletedFaces);
        Assert.Empty(await host.DataKeysAsync());
        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "ref-a" })).Exists);
    }
}
