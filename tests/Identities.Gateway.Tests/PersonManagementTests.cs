using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>Person Management through the gateway (YARP → registry JSON transcoding), behind its permission.</summary>
public sealed class PersonManagementTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task Persons_ListGetRenameListFacesDeleteFaceAndPerson_WorkThroughTheGateway()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var enroll = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64("img47.jpg"), photoReferenceId = "pm-1" });
        var personId = (await enroll.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("personId").GetString()!;

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/persons?pageSize=500");
        Assert.Contains(list.GetProperty("persons").EnumerateArray(), p => p.GetProperty("personId").GetString() == personId);

        var renamed = await client.PatchAsJsonAsync($"/api/v1/persons/{personId}", new { name = "Ada Lovelace", tags = new { values = new[] { "vip" } } });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var person = await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}");
        Assert.Equal("Ada Lovelace", person.GetProperty("name").GetString());
        Assert.Equal("vip", person.GetProperty("tags")[0].GetString());
        Assert.Equal(1, person.GetProperty("faceCount").GetInt32());

        var faces = await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}/faces");
        var faceId = faces.GetProperty("faces")[0].GetProperty("faceId").GetString();
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync(new Uri($"/api/v1/faces/{faceId}", UriKind.Relative))).StatusCode);
        Assert.False((await client.GetFromJsonAsync<JsonElement>("/api/v1/faces/checkImageReference/pm-1")).GetProperty("exists").GetBoolean());

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync(new Uri($"/api/v1/persons/{personId}", UriKind.Relative))).StatusCode);
        var gone = await client.GetAsync(new Uri($"/api/v1/persons/{personId}", UriKind.Relative));
        await Problem.AssertAsync(gone, HttpStatusCode.NotFound, "person_not_found");
        var malformed = await client.GetAsync(new Uri("/api/v1/persons/not-a-guid", UriKind.Relative));
        var problem = await Problem.AssertAsync(malformed, HttpStatusCode.BadRequest, "malformed_id");
        Assert.Equal("person_id", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Persons_TokenWithoutPersonManagement_Is403()
    {
        using var kiosk = await stack.CreateClientAsync(StackFixture.DetectorUser, StackFixture.DetectorPassword);
        var response = await kiosk.GetAsync(new Uri("/api/v1/persons", UriKind.Relative));
        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
        using var anonymous = stack.CreateClient();
        await Problem.AssertAsync(await anonymous.GetAsync(new Uri("/api/v1/persons", UriKind.Relative)), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task OpenApi_Document_ListsTheFaceEndpoints()
    {
        using var client = stack.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/faces/faceEnroll", "/api/v1/faces/faceDetect", "/api/v1/faces/faceCompare", "/api/v1/faces/checkImageReference/{referenceId}", "/api/v1/auth/login" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} missing from the OpenAPI document");
        }
    }
}
