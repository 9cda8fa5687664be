using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Identities.Gateway.Auth;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// A hung downstream (a worker process paused by SIGSTOP: connections accepted, never answered) gets the same
/// quick 503 with Retry-After as a stopped one: registry calls over gRPC and proxied Person Management alike,
/// and inference calls.
/// </summary>
public sealed class HungWorkerTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Registry_PausedBySigstop_Is503WithinTheDeadline_AndTheGatewayStaysReady()
    {
        await using var registry = await WorkerProcess.StartRegistryAsync(stack.Redis.ConnectionString, stack.KeyPrefix);
        var gateway = new Uri(stack.StartGateway(registry.GrpcAddress, new Dictionary<string, string?>
        {
            ["Gateway:RegistryHttpAddress"] = registry.HttpAddress,
            ["Gateway:RegistryTimeoutMilliseconds"] = "2000",
        }));
        using var client = stack.CreateClient(gateway);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = StackFixture.AdminPassword });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<LoginResponse>())!.Token);
        // Both paths work, so each has a connection open to the registry when it stops answering.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/faces/checkImageReference/before", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/persons", UriKind.Relative))).StatusCode);

        registry.Pause();
        var started = Stopwatch.GetTimestamp();
        var check = await client.GetAsync(new Uri("/api/v1/faces/checkImageReference/during", UriKind.Relative));
        var persons = await client.GetAsync(new Uri("/api/v1/persons", UriKind.Relative));
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var elapsed = Stopwatch.GetElapsedTime(started);
        registry.Resume();

        await Problem.AssertAsync(check, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(check.Headers.RetryAfter);
        await Problem.AssertAsync(persons, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(persons.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // Two calls bounded by the 2 s registry deadline, readiness by its 2 s probe: as quick as a stopped registry's.
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
    }

    [SkippableFact]
    public async Task Detector_PausedBySigstop_FaceDetectAndCompareAre503WithinTheDeadline()
    {
        SharedFaces.SkipIfMissing();
        await using var detector = await WorkerProcess.StartDetectorAsync();
        var gateway = new Uri(stack.StartGateway(stack.RegistryAddress, new Dictionary<string, string?>
        {
            ["Gateway:DetectorAddress"] = detector.GrpcAddress,
            ["Gateway:InferenceTimeoutMilliseconds"] = "3000",
        }));
        using var client = stack.CreateClient(gateway);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = StackFixture.AdminPassword });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.Content.ReadFromJsonAsync<LoginResponse>())!.Token);
        var image = Images.Base64(Images.PersonA1);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image })).StatusCode);
        var before = await stack.RegistryKeysAsync();

        detector.Pause();
        var started = Stopwatch.GetTimestamp();
        var detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image });
        var enroll = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = image });
        var compare = await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = image, image2 = Images.Base64(Images.PersonA2) });
        var elapsed = Stopwatch.GetElapsedTime(started);
        detector.Resume();

        await Problem.AssertAsync(detect, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(detect.Headers.RetryAfter);
        await Problem.AssertAsync(enroll, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        await Problem.AssertAsync(compare, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.Equal(before, await stack.RegistryKeysAsync());
        // Three calls, each bounded by the 3 s inference deadline.
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"took {elapsed}");
    }
}
