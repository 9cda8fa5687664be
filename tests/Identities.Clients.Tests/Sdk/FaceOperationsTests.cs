using System.Net;
using Identities.Client;

namespace Identities.Clients.Tests.Sdk;

/// <summary>The SDK's face operations against the real stack (real models, Redis 8, HTTPS gateway).</summary>
[Collection(ClientsCollection.Name)]
public sealed class FaceOperationsTests(StackFixture stack)
{
    [SkippableFact]
    public async Task FaceEnroll_ThenDetectAndCompare_IdentifiesTheSamePerson()
    {
        SharedFaces.SkipIfMissing();
        var (sdk, _) = await SdkStack.LoginAsync(stack);
        var reference = "sdk-" + Guid.NewGuid().ToString("N");

        var enroll = await sdk.FaceEnrollAsync(body: new FaceEnrollRequest { FaceImage = SharedFaces.Read("img1.jpg"), PhotoReferenceId = reference });
        var again = await sdk.FaceEnrollAsync(personId: enroll.PersonId, forceEnrollment: true, body: new FaceEnrollRequest { FaceImage = SharedFaces.Read("img10.jpg") });
        Assert.Equal(enroll.PersonId, again.PersonId);

        var detected = await sdk.FaceDetectAsync(new FaceDetectRequest { Image = SharedFaces.Read("img11.jpg") });
        var face = Assert.Single(detected.Detections);
        Assert.Equal(enroll.PersonId, face.PersonId);
        Assert.InRange(face.Quality, 0.0, 1.0);
        Assert.True(face.BoundingBox.Width > 0);

        var same = await sdk.FaceCompareAsync(new FaceCompareRequest { Image1 = SharedFaces.Read("img1.jpg"), Image2 = SharedFaces.Read("img10.jpg") });
        Assert.True(same.Match);
        var different = await sdk.FaceCompareAsync(new FaceCompareRequest { Image1 = SharedFaces.Read("img1.jpg"), Image2 = SharedFaces.Read("img29.jpg") });
        Assert.False(different.Match);

        var check = await sdk.CheckImageReferenceAsync(reference);
        Assert.True(check.Exists);
        Assert.Equal(enroll.FaceId, check.FaceId);
        Assert.False((await sdk.CheckImageReferenceAsync("never-" + reference)).Exists);
    }

    [SkippableFact]
    public async Task FaceEnroll_Refusals_AreIdentitiesApiExceptionsWithStatusCodeAndField()
    {
        SharedFaces.SkipIfMissing();
        var (sdk, _) = await SdkStack.LoginAsync(stack);

        var notAnImage = await Assert.ThrowsAsync<IdentitiesApiException>(() =>
            sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = "definitely not an image"u8.ToArray() }));
        Assert.Equal(HttpStatusCode.BadRequest, notAnImage.StatusCode);
        Assert.Equal("unsupported_image_format", notAnImage.Code);
        Assert.Equal("faceImage", notAnImage.Field);

        var unknown = await Assert.ThrowsAsync<IdentitiesApiException>(() =>
            sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = SharedFaces.Read("img1.jpg") }, personId: Guid.NewGuid()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("person_not_found", unknown.Code);

        var reference = "sdk-dup-" + Guid.NewGuid().ToString("N");
        var first = await sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = SharedFaces.Read("img47.jpg"), PhotoReferenceId = reference });
        var duplicate = await Assert.ThrowsAsync<IdentitiesApiException>(() =>
            sdk.FaceEnrollAsync(new FaceEnrollRequest { FaceImage = SharedFaces.Read("img47.jpg"), PhotoReferenceId = reference }));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("reference_exists", duplicate.Code);
        Assert.Equal(first.FaceId, duplicate.ExistingFaceId);
        Assert.Contains("reference_exists", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetSdk_WrongPassword_ThrowsUnauthorized()
    {
        using var http = new HttpClient(new CountingHandler());
        var refused = await Assert.ThrowsAsync<IdentitiesApiException>(() =>
            IdentityDbSdk.GetSdk(stack.GatewayAddress.ToString(), http, "admin", "not-the-password"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("unauthorized", refused.Code);
    }

    [Fact]
    public async Task Calls_CancelledToken_ThrowOperationCanceledWithoutSending()
    {
        var (sdk, handler) = await SdkStack.LoginAsync(stack);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var before = handler.Requests.Count;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sdk.FaceDetectAsync(new FaceDetectRequest { Image = [1, 2, 3] }, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sdk.CheckImageReferenceAsync("x", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var person in sdk.ListPersonsAsync().WithCancellation(cancelled.Token))
            {
                Assert.Fail($"got {person.PersonId} after cancellation");
            }
        });
        Assert.Equal(before, handler.Requests.Count);
    }

    [SkippableFact]
    public async Task FaceDetect_CancelledWhileRunning_StopsTheCall()
    {
        SharedFaces.SkipIfMissing();
        var (sdk, _) = await SdkStack.LoginAsync(stack);
        using var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(5));
        // A group photo takes the detector far longer than 5 ms.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sdk.FaceDetectAsync(new FaceDetectRequest { Image = SharedFaces.Read("selfie-many-people.jpg") }, soon.Token));
    }
}
