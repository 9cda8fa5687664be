using System.Net;
using Grpc.Health.V1;
using Identities.Registry.Grpc;
using Identities.ServiceDefaults.Auth;

namespace Identities.Registry.Tests;

/// <summary>
/// The registry serves only callers with a valid token of the gateway's issuer, and each method only to the
/// permissions of the public endpoints that use it; its JSON API the same; health stays open.
/// </summary>
public sealed class AuthTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AnyMethod_NoToken_IsUnauthenticated()
    {
        await using var host = RegistryHost.Start(redis.Server);
        var client = new V1.Registry.RegistryClient(host.CreateChannel(null));

        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, async () => await client.ListPersonsAsync(new ListPersonsRequest()));
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, async () => await client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(1)))));
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, async () => await client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "x" }));
        Assert.Empty(await host.DataKeysAsync());
    }

    [Fact]
    public async Task AnyMethod_TokenSignedWithAnotherKey_IsUnauthenticated()
    {
        await using var host = RegistryHost.Start(redis.Server);
        var forged = TestTokens.Issue(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), TimeSpan.FromMinutes(5), [.. Permissions.All]);
        var client = new V1.Registry.RegistryClient(host.CreateChannel(forged));

        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, async () => await client.ListPersonsAsync(new ListPersonsRequest()));
    }

    [Theory]
    [InlineData(Permissions.FaceDetection, "EnrollFace", false)]
    [InlineData(Permissions.FaceDetection, "DeletePerson", false)]
    [InlineData(Permissions.FaceEnrollment, "Search", false)]
    [InlineData(Permissions.FaceEnrollment, "ListPersons", false)]
    [InlineData(Permissions.PersonManagement, "EnrollFace", false)]
    [InlineData(Permissions.PersonManagement, "Search", false)]
    [InlineData(Permissions.FaceEnrollment, "EnrollFace", true)]
    [InlineData(Permissions.FaceEnrollment, "GetPerson", true)]
    [InlineData(Permissions.FaceDetection, "Search", true)]
    [InlineData(Permissions.FaceDetection, "CheckReference", true)]
    [InlineData(Permissions.PersonManagement, "ListPersons", true)]
    [InlineData(Permissions.PersonManagement, "GetPerson", true)]
    public async Task Method_TokenWithOrWithoutItsPermission_IsServedOrPermissionDenied(string permission, string method, bool granted)
    {
        await using var host = RegistryHost.Start(redis.Server);
        var client = new V1.Registry.RegistryClient(host.CreateChannel(TestTokens.Issue(permission)));

        if (!granted)
        {
            await RpcAssert.FailsWithAsync(StatusCode.PermissionDenied, () => CallAsync(client, method));
            Assert.Empty(await host.DataKeysAsync());
            return;
        }
        try
        {
            await CallAsync(client, method);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            // Authorized, and then the person was not there: what GetPerson of an unknown id answers.
        }
    }

    [Fact]
    public void Methods_EveryRegistryMethod_HasItsPermissionsDecided()
    {
        foreach (var method in V1.Registry.Descriptor.Methods)
        {
            Assert.NotEmpty(RegistryAccess.Methods.For($"/{V1.Registry.Descriptor.FullName}/{method.Name}"));
        }
    }

    [Fact]
    public async Task JsonApi_NoTokenOrWrongPermission_Is401Or403_AndHealthIsOpen()
    {
        await using var host = RegistryHost.Start(redis.Server);
        var persons = new Uri("/api/v1/persons", UriKind.Relative);

        using (var anonymous = host.CreateHttpClient(null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(persons)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
            var health = await new Health.HealthClient(host.CreateChannel(null)).CheckAsync(new HealthCheckRequest());
            Assert.NotEqual(HealthCheckResponse.Types.ServingStatus.Unknown, health.Status);
        }
        using (var kiosk = host.CreateHttpClient(TestTokens.Issue(Permissions.FaceDetection)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await kiosk.GetAsync(persons)).StatusCode);
        }
        using var manager = host.CreateHttpClient(TestTokens.Issue(Permissions.PersonManagement));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(persons)).StatusCode);
    }

    private static async Task CallAsync(V1.Registry.RegistryClient client, string method)
    {
        var vector = TestVectors.RandomUnit(new Random(7));
        switch (method)
        {
            case "EnrollFace":
                await client.EnrollFaceAsync(TestVectors.NewPerson(vector));
                break;
            case "DeletePerson":
                await client.DeletePersonAsync(new DeletePersonRequest { PersonId = Guid.NewGuid().ToString() });
                break;
            case "GetPerson":
                await client.GetPersonAsync(new GetPersonRequest { PersonId = Guid.NewGuid().ToString() });
                break;
            case "Search":
                var search = new SearchRequest { ModelId = TestVectors.Model, K = 1 };
                search.Vector.AddRange(vector);
                await client.SearchAsync(search);
                break;
            case "CheckReference":
                await client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "ref-1" });
                break;
            case "ListPersons":
                await client.ListPersonsAsync(new ListPersonsRequest());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, null);
        }
    }
}
