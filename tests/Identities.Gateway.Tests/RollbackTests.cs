using System.Net;
using System.Net.Http.Json;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>A faceEnroll that creates a person and then fails in the registry leaves no person.</summary>
public sealed class RollbackTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task FaceEnroll_RegistryFailsAfterCreatingThePerson_LeavesNoPerson()
    {
        SharedFaces.SkipIfMissing();
        // A second registry over the same data whose enrollments fail after the face set is written
        // (step 3 of 4), and a gateway that uses it.
        var faulty = stack.StartRegistry(new Dictionary<string, string?> { ["Registry:FaultAfterEnrollmentStep"] = "3" });
        using var client = stack.CreateClient(new Uri(stack.StartGateway(faulty.Address)));
        using var login = await stack.CreateAdminClientAsync();
        client.DefaultRequestHeaders.Authorization = login.DefaultRequestHeaders.Authorization;
        var before = await stack.RegistryKeysAsync();

        var response = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64("img51.jpg"), photoReferenceId = "rollback-1" });

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(before, await stack.RegistryKeysAsync());
    }
}
