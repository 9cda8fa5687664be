using System.Net;
using System.Net.Http.Headers;

namespace Identities.Gateway.Tests;

/// <summary>
/// With Authentication:Authority set, tokens of that issuer (keys from its JWKS) are what counts, at the gateway and
/// at the registry it forwards them to.
/// </summary>
public sealed class ExternalIssuerTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task CheckImageReference_TokensOfAConfiguredExternalIssuer_AreValidatedByItsKeys()
    {
        await using var issuer = new ExternalIssuer();
        await issuer.StartAsync();
        var external = new Dictionary<string, string?>
        {
            ["Authentication:Authority"] = issuer.Authority,
            ["Authentication:RequireHttpsMetadata"] = "false",
        };
        var (_, registry) = stack.StartRegistry(external);
        var gateway = stack.StartGateway(registry, external);
        using var client = stack.CreateClient(new Uri(gateway));
        var path = new Uri("/api/v1/faces/checkImageReference/ext-1", UriKind.Relative);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token("Face Detection"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token("Face Enrollment"));
        await Problem.AssertAsync(await client.GetAsync(path), HttpStatusCode.Forbidden, "forbidden");

        // A token the gateway issued itself is not valid once an external issuer is configured.
        using var own = await stack.CreateAdminClientAsync();
        client.DefaultRequestHeaders.Authorization = own.DefaultRequestHeaders.Authorization;
        await Problem.AssertAsync(await client.GetAsync(path), HttpStatusCode.Unauthorized, "unauthorized");
    }
}
