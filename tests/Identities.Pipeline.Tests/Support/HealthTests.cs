using Identities.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Identities.Detector.Grpc;
using Identities.Detector.V1;
using Identities.Embedder.Grpc;

namespace Identities.Pipeline.Tests.Support;

/// <summary>Readiness follows the models: serving only once loaded and warmed, never with a missing model.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Health_DetectorWithModelsLoaded_IsServingAndReady()
    {
        await using var host = new WorkerFactory<FaceDetectorService>();
        await host.StartServingAsync(TimeSpan.FromMinutes(1));
        using var http = host.CreateClient();
        Assert.True((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode);
        Assert.True((await http.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Health_EmbedderWithModelMissing_IsNotServingAndCallsAreUnavailable()
    {
        await using var host = new WorkerFactory<FaceEmbedderService>(new Dictionary<string, string?> { ["Embedder:ModelPath"] = "missing.onnx" });
        var channel = host.CreateChannel();
        await Task.Delay(500);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.NotEqual(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        using var http = host.CreateClient();
        Assert.False((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode);
        Assert.True((await http.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode);

        var client = new Identities.Embedder.V1.FaceEmbedder.FaceEmbedderClient(channel);
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable, async () => await client.GetModelAsync(new Identities.Embedder.V1.GetModelRequest()));
    }

    [Fact]
    public async Task Health_DetectorWithModelMissing_DetectIsUnavailable()
    {
        await using var host = new WorkerFactory<FaceDetectorService>(new Dictionary<string, string?> { ["Detector:DetectionModelPath"] = "missing.onnx" });
        var client = new FaceDetector.FaceDetectorClient(host.CreateChannel());
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await client.DetectAsync(new DetectRequest { Image = Google.Protobuf.ByteString.CopyFrom([1, 2, 3]) }));
    }
}
