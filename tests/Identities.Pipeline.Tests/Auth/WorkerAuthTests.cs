using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Identities.Detector.Grpc;
using Identities.Detector.V1;
using Identities.Embedder.Grpc;
using Identities.Embedder.V1;
using Identities.Pipeline.Tests.Support;
using Identities.ServiceDefaults.Auth;
using Identities.Testing;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Auth;

/// <summary>
/// The detector and the embedder serve only callers with a valid token of the gateway's issuer carrying a permission
/// that needs them (Face Detection or Face Enrollment); health stays open to probes.
/// </summary>
public sealed class WorkerAuthTests : IAsyncLifetime
{
    private readonly WorkerFactory<FaceDetectorService> _detector = new();
    private readonly WorkerFactory<FaceEmbedderService> _embedder = new();

    public async Task InitializeAsync()
    {
        await _detector.StartServingAsync(TimeSpan.FromMinutes(2));
        await _embedder.StartServingAsync(TimeSpan.FromMinutes(2));
    }

    public async Task DisposeAsync()
    {
        await _detector.DisposeAsync();
        await _embedder.DisposeAsync();
    }

    public static TheoryData<string> WrongTokens() => new()
    {
        "expired",
        "other-key",
        "garbage",
    };

    [Fact]
    public async Task Detect_NoToken_IsUnauthenticated()
    {
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => DetectAsync(null));
    }

    [Fact]
    public async Task Embed_NoToken_IsUnauthenticated()
    {
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => EmbedAsync(null));
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated,
            async () => await new FaceEmbedder.FaceEmbedderClient(_embedder.CreateChannel(null)).GetModelAsync(new GetModelRequest()));
    }

    [Theory]
    [MemberData(nameof(WrongTokens))]
    public async Task DetectAndEmbed_InvalidToken_AreUnauthenticated(string kind)
    {
        var token = kind switch
        {
            "expired" => TestTokens.Issue(TestTokens.KeyBytes, TimeSpan.FromMinutes(-5), Permissions.FaceDetection),
            "other-key" => TestTokens.Issue(RandomNumberGenerator.GetBytes(32), TimeSpan.FromMinutes(5), Permissions.FaceDetection),
            _ => "not-a-jwt",
        };

        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => DetectAsync(token));
        await RpcAssert.FailsWithAsync(StatusCode.Unauthenticated, () => EmbedAsync(token));
    }

    [Fact]
    public async Task DetectAndEmbed_TokenWithoutAFacePermission_ArePermissionDenied()
    {
        var token = TestTokens.Issue(Permissions.PersonManagement);

        await RpcAssert.FailsWithAsync(StatusCode.PermissionDenied, () => DetectAsync(token));
        await RpcAssert.FailsWithAsync(StatusCode.PermissionDenied, () => EmbedAsync(token));
    }

    [Theory]
    [InlineData(Permissions.FaceDetection)]
    [InlineData(Permissions.FaceEnrollment)]
    public async Task DetectAndEmbed_TokenWithAFacePermission_AreServed(string permission)
    {
        var token = TestTokens.Issue(permission);

        Assert.Empty((await DetectAsync(token)).Faces);
        Assert.Single((await EmbedAsync(token)).Embeddings);
    }

    [Fact]
    public async Task Health_NoToken_IsServing()
    {
        foreach (var channel in new[] { _detector.CreateChannel(null), _embedder.CreateChannel(null) })
        {
            var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        }
        using var http = _detector.CreateClient();
        Assert.True((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode);
    }

    private async Task<DetectResponse> DetectAsync(string? token)
    {
        using var image = new Mat(64, 64, MatType.CV_8UC3, Scalar.All(128));
        return await new FaceDetector.FaceDetectorClient(Channel(_detector, token))
            .DetectAsync(new DetectRequest { Image = ByteString.CopyFrom(TestImages.Encode(image)) });
    }

    private async Task<EmbedResponse> EmbedAsync(string? token)
    {
        var request = new EmbedRequest();
        request.Faces.Add(new FaceCrop { Width = 112, Height = 112, Rgb = ByteString.CopyFrom(new byte[112 * 112 * 3]) });
        return await new FaceEmbedder.FaceEmbedderClient(Channel(_embedder, token)).EmbedAsync(request);
    }

    private static GrpcChannel Channel<T>(WorkerFactory<T> host, string? token)
        where T : class => host.CreateChannel(token);
}
