using System.Net;
using System.Net.Http.Json;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>A stopped worker: a quick 503 with Retry-After, nothing written, the gateway still ready.</summary>
public sealed class WorkerDownTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task FaceDetect_DetectorStopped_Is503WithRetryAfter()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var before = await stack.RegistryKeysAsync();
        await stack.DetectorHost.DisposeAsync();

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Images.Base64(Images.PersonA1) });
        var enroll = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64(Images.PersonA1) });

        await Problem.AssertAsync(detect, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        await Problem.AssertAsync(enroll, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(detect.Headers.RetryAfter);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(15));
        Assert.Equal(before, await stack.RegistryKeysAsync());
        // Still ready: login and the web console need no detector (ReadinessTests).
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
    }
}
