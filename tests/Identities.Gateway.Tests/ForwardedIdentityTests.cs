using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// The gateway forwards its caller's token on every gRPC call and through YARP, so the workers and the registry
/// authorize the caller; a caller holding only the endpoint's own permission is served end to end.
/// </summary>
public sealed class ForwardedIdentityTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task FaceEnroll_TokenWithOnlyFaceEnrollment_IsServedByDetectorEmbedderAndRegistry()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateClientAsync("admin", StackFixture.AdminPassword, "Face Enrollment");

        var enroll = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64(Images.PersonA1) });
        var body = await enroll.Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(enroll.IsSuccessStatusCode, body.ToString());
        var personId = body.GetProperty("personId").GetString();
        var again = await client.PostAsJsonAsync($"/api/v1/faces/faceEnroll?personId={personId}", new { faceImage = Images.Base64(Images.PersonA2) });
        Assert.True(again.IsSuccessStatusCode, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Persons_TokenWithOnlyPersonManagement_IsForwardedThroughYarpToTheRegistry()
    {
        using var client = await stack.CreateClientAsync("admin", StackFixture.AdminPassword, "Person Management");

        var persons = await client.GetAsync(new Uri("/api/v1/persons", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, persons.StatusCode);
    }

    [Fact]
    public async Task RegistryJsonApi_CalledDirectlyWithoutToken_IsRefused()
    {
        using var direct = new HttpClient { BaseAddress = new Uri(stack.RegistryHttpAddress) };

        var persons = await direct.GetAsync(new Uri("/api/v1/persons", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, persons.StatusCode);
    }
}
