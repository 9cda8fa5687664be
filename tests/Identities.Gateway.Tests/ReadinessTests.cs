using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Identities.Gateway.Auth;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// The gateway stays ready while it can serve anything; each request that needs a missing downstream gets 503.
/// This class stops its stack's Redis: it has the stack to itself.
/// </summary>
public sealed class ReadinessTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task RedisStopped_LoginAndFaceCompareAnswer200_RegistryCallsAre503_GatewayStaysReady()
    {
        SharedFaces.SkipIfMissing();
        stack.Redis.Kill();

        using var client = stack.CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = StackFixture.DetectorUser, password = StackFixture.DetectorPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<LoginResponse>())!.Token);
        var compare = await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = Images.Base64(Images.PersonA1), image2 = Images.Base64(Images.PersonA2) });
        var detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Images.Base64(Images.PersonA1) });
        var check = await client.GetAsync(new Uri("/api/v1/faces/checkImageReference/anything", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, compare.StatusCode);
        await Problem.AssertAsync(detect, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(detect.Headers.RetryAfter);
        await Problem.AssertAsync(check, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}
