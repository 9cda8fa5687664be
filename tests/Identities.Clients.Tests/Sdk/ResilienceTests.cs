using System.Net;
using Identities.Client;

namespace Identities.Clients.Tests.Sdk;

/// <summary>Token renewal and retries, watched at the HTTP level against the real gateway.</summary>
[Collection(ClientsCollection.Name)]
public sealed class ResilienceTests(StackFixture stack)
{
    [Fact]
    public async Task Token_NearItsExpiry_IsRenewedBeforeTheNextCall()
    {
        var clock = new ManualTimeProvider();
        var (sdk, handler) = await SdkStack.LoginAsync(stack, new IdentityDbSdkOptions { TimeProvider = clock, TokenRenewalMargin = TimeSpan.FromMinutes(2) });
        await sdk.CheckImageReferenceAsync("renewal-1");
        Assert.Equal(1, handler.Count("/auth/login"));

        clock.Advance(TimeSpan.FromMinutes(57)); // 60-minute tokens: still 3 minutes left, more than the margin
        await sdk.CheckImageReferenceAsync("renewal-2");
        Assert.Equal(1, handler.Count("/auth/login"));

        clock.Advance(TimeSpan.FromMinutes(2)); // 1 minute left: within the margin
        await sdk.CheckImageReferenceAsync("renewal-3");
        Assert.Equal(2, handler.Count("/auth/login"));
        Assert.Equal("POST /api/v1/auth/login", handler.Requests[^2]);
    }

    [Fact]
    public async Task Token_RefusedBy401_SafeCallLogsInAgainAndSucceeds()
    {
        var (sdk, handler) = await SdkStack.LoginAsync(stack);
        handler.SpoilNextToken = true;
        var check = await sdk.CheckImageReferenceAsync("refused-token");
        Assert.False(check.Exists);
        Assert.Equal(2, handler.Count("/auth/login"));
        Assert.Equal(2, handler.Count("/checkImageReference/refused-token"));
    }

    [SkippableFact]
    public async Task Token_RefusedBy401_EnrollIsNotRepeatedButTheNextCallWorks()
    {
        SharedFaces.SkipIfMissing();
        var (sdk, handler) = await SdkStack.LoginAsync(stack);
        handler.SpoilNextToken = true;
        var refused = await Assert.ThrowsAsync<IdentitiesApiException>(() => sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = SharedFaces.Read("img1.jpg") }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(1, handler.Count("/faceEnroll"));

        Assert.False((await sdk.CheckImageReferenceAsync("after-refusal")).Exists);
        Assert.Equal(2, handler.Count("/auth/login"));
    }

    [Fact]
    public async Task ServiceUnavailable_SafeCallsAreRetriedAfterRetryAfterButEnrollIsSentOnce()
    {
        var (sdk, handler) = await SdkStack.LoginAsync(stack, new IdentityDbSdkOptions { MaxRetries = 2 }, DetectorDownGateway());

        var started = DateTime.UtcNow;
        var detect = await Assert.ThrowsAsync<IdentitiesApiException>(() => sdk.FaceDetectAsync(new FaceDetectRequest { Image = [0xFF, 0xD8, 0xFF] }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, detect.StatusCode);
        Assert.Equal("service_unavailable", detect.Code);
        Assert.Equal(TimeSpan.FromSeconds(1), detect.RetryAfter);
        Assert.Equal(3, handler.Count("/faceDetect"));
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(2), "the two retries waited Retry-After each");

        var enroll = await Assert.ThrowsAsync<IdentitiesApiException>(() => sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = [0xFF, 0xD8, 0xFF] }));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, enroll.StatusCode);
        Assert.Equal(1, handler.Count("/faceEnroll"));
    }

    [Fact]
    public async Task ServiceUnavailable_RetryAfterLongerThanMaxRetryDelay_IsNotWaitedFor()
    {
        var (sdk, handler) = await SdkStack.LoginAsync(stack, new IdentityDbSdkOptions { MaxRetries = 2, MaxRetryDelay = TimeSpan.FromMilliseconds(500) }, DetectorDownGateway());
        var detect = await Assert.ThrowsAsync<IdentitiesApiException>(() => sdk.FaceDetectAsync(new FaceDetectRequest { Image = [0xFF, 0xD8, 0xFF] }));
        Assert.Equal(TimeSpan.FromSeconds(1), detect.RetryAfter);
        Assert.Equal(1, handler.Count("/faceDetect"));
    }

    /// <summary>A gateway whose detector is down: face calls answer 503 service_unavailable with Retry-After: 1.</summary>
    private Uri DetectorDownGateway() => new(stack.StartGateway(stack.RegistryAddress, new Dictionary<string, string?>
    {
        ["Gateway:DetectorAddress"] = "http://127.0.0.1:9",
        ["Gateway:RetryAfterSeconds"] = "1",
    }));
}
