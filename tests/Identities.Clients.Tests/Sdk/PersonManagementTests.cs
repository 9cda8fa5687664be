using System.Net;
using System.Text.Json.Nodes;
using Identities.Client;

namespace Identities.Clients.Tests.Sdk;

/// <summary>Person Management through the SDK, and its JSON against the OpenAPI document's schemas.</summary>
[Collection(ClientsCollection.Name)]
public sealed class PersonManagementTests(StackFixture stack)
{
    [Fact]
    public async Task ListPersonsAsync_SeveralPages_YieldsEveryPersonOnceInCreationOrder()
    {
        var (sdk, handler) = await SdkStack.LoginAsync(stack);
        var tag = "page-" + Guid.NewGuid().ToString("N");
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add((await sdk.CreatePersonAsync(new NewPerson { Name = $"Paged {i}", Tags = [tag] })).PersonId);
        }

        var listed = new List<Guid>();
        await foreach (var person in sdk.ListPersonsAsync(pageSize: 2))
        {
            if (person.Tags.Contains(tag))
            {
                listed.Add(person.PersonId);
            }
        }
        Assert.Equal(created.Order(), listed.Order());
        Assert.Equal(listed.Count, listed.Distinct().Count());
        Assert.True(handler.Count("/api/v1/persons?pageSize=2") >= 3, "five persons at two a page take at least three requests");
    }

    [SkippableFact]
    public async Task Persons_GetUpdateListFacesDeleteFaceAndPerson_Work()
    {
        SharedFaces.SkipIfMissing();
        var (sdk, _) = await SdkStack.LoginAsync(stack);
        var enroll = await sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = SharedFaces.Read("img47.jpg"), PhotoReferenceId = "sdk-pm-" + Guid.NewGuid().ToString("N") });

        var updated = await sdk.UpdatePersonAsync(enroll.PersonId, new PersonUpdate { Name = "Ada Lovelace", Tags = ["vip"], Attributes = new Dictionary<string, string> { ["badge"] = "42" } });
        Assert.Equal("Ada Lovelace", updated.Name);
        var person = await sdk.GetPersonAsync(enroll.PersonId);
        Assert.Equal(["vip"], person.Tags);
        Assert.Equal("42", person.Attributes["badge"]);
        Assert.Equal(1, person.FaceCount);
        Assert.True(person.UpdatedAt >= person.CreatedAt);

        var renamedOnly = await sdk.UpdatePersonAsync(enroll.PersonId, new PersonUpdate { Name = "Ada King" });
        Assert.Equal(["vip"], renamedOnly.Tags);

        var face = Assert.Single(await sdk.ListFacesAsync(enroll.PersonId));
        Assert.Equal(enroll.FaceId, face.FaceId);
        Assert.Equal(enroll.PersonId, await sdk.DeleteFaceAsync(face.FaceId));
        Assert.Empty(await sdk.ListFacesAsync(enroll.PersonId));

        Assert.Equal(0, await sdk.DeletePersonAsync(enroll.PersonId));
        var gone = await Assert.ThrowsAsync<IdentitiesApiException>(() => sdk.GetPersonAsync(enroll.PersonId));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("person_not_found", gone.Code);
    }

    [SkippableFact]
    public async Task PersonManagement_RealAnswers_HaveExactlyTheDocumentedProperties()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "docs", "openapi.json")))!;
        var (sdk, _) = await SdkStack.LoginAsync(stack);
        var enroll = await sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = SharedFaces.Read("img1.jpg") });
        await sdk.UpdatePersonAsync(enroll.PersonId, new PersonUpdate { Name = "Schema", Tags = ["t"], Attributes = new Dictionary<string, string> { ["k"] = "v" } });

        AssertMatches(document, "Person", await client.GetStringAsync(new Uri($"/api/v1/persons/{enroll.PersonId}", UriKind.Relative)));
        AssertMatches(document, "PersonPage", await client.GetStringAsync(new Uri("/api/v1/persons?pageSize=1", UriKind.Relative)));
        var faces = await client.GetStringAsync(new Uri($"/api/v1/persons/{enroll.PersonId}/faces", UriKind.Relative));
        AssertMatches(document, "FaceList", faces);
        AssertMatches(document, "Face", JsonNode.Parse(faces)!["faces"]![0]!.ToJsonString());
        var faceId = JsonNode.Parse(faces)!["faces"]![0]!["faceId"]!.GetValue<string>();
        AssertMatches(document, "DeletedFace", await (await client.DeleteAsync(new Uri($"/api/v1/faces/{faceId}", UriKind.Relative))).Content.ReadAsStringAsync());
        AssertMatches(document, "DeletedPerson", await (await client.DeleteAsync(new Uri($"/api/v1/persons/{enroll.PersonId}", UriKind.Relative))).Content.ReadAsStringAsync());
    }

    /// <summary>The answer has every required property of the schema and none it does not describe.</summary>
    private static void AssertMatches(JsonNode document, string schemaId, string json)
    {
        var schema = document["components"]!["schemas"]![schemaId]!;
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var answered = JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToList();
        Assert.All(answered, name => Assert.True(properties.Contains(name), $"{schemaId}: '{name}' is answered but not documented in {json}"));
        foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
        {
            Assert.True(answered.Contains(required), $"{schemaId}: required '{required}' missing from {json}");
        }
    }
}
