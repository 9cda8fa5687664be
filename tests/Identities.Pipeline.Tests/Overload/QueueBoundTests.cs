using Google.Protobuf;
using Grpc.Core;
using Identities.Detector.Grpc;
using Identities.Detector.V1;
using Identities.Embedder.Grpc;
using Identities.Embedder.V1;
using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Overload;

/// <summary>
/// A burst beyond a worker's queue is refused at once with RESOURCE_EXHAUSTED (503 at the gateway) instead of
/// waiting in an unbounded queue that holds every request's image or crops; the worker serves normally after.
/// </summary>
public sealed class QueueBoundTests
{
    [Fact]
    public async Task Detect_BurstBeyondConcurrencyAndQueue_RefusesTheRestWithResourceExhausted()
    {
        await using var host = new WorkerFactory<FaceDetectorService>(new Dictionary<string, string?>
        {
            ["Detector:MaxConcurrency"] = "1",
            ["Detector:MaxQueuedImages"] = "1",
        });
        var client = new FaceDetector.FaceDetectorClient(await host.StartServingAsync(TimeSpan.FromMinutes(2)));
        var image = ByteString.CopyFrom(NoisePng(2000, 2000));

        var calls = Enumerable.Range(0, 8).Select(_ => OutcomeAsync(client.DetectAsync(new DetectRequest { Image = image }).ResponseAsync)).ToArray();
        var outcomes = await Task.WhenAll(calls);

        Assert.All(outcomes, code => Assert.Contains(code, new[] { StatusCode.OK, StatusCode.ResourceExhausted }));
        Assert.True(outcomes.Count(c => c == StatusCode.ResourceExhausted) >= 1, $"no request was refused: {string.Join(",", outcomes)}");
        Assert.True(outcomes.Count(c => c == StatusCode.OK) >= 2, $"the running and the queued request must succeed: {string.Join(",", outcomes)}");
        Assert.Equal(StatusCode.OK, await OutcomeAsync(client.DetectAsync(new DetectRequest { Image = image }).ResponseAsync));
    }

    [Fact]
    public async Task Embed_BurstBeyondQueuedFaces_RefusesWholeRequestsWithResourceExhausted()
    {
        await using var host = new WorkerFactory<FaceEmbedderService>(new Dictionary<string, string?>
        {
            ["Embedder:MaxFacesPerRequest"] = "64",
            ["Embedder:MaxQueuedFaces"] = "64",
            ["Embedder:ConcurrentBatches"] = "1",
        });
        var client = new FaceEmbedder.FaceEmbedderClient(await host.StartServingAsync(TimeSpan.FromMinutes(2)));
        var request = new EmbedRequest();
        request.Faces.AddRange(Enumerable.Range(0, 64).Select(Crop));

        var calls = Enumerable.Range(0, 6).Select(_ => OutcomeAsync(client.EmbedAsync(request).ResponseAsync)).ToArray();
        var outcomes = await Task.WhenAll(calls);

        Assert.All(outcomes, code => Assert.Contains(code, new[] { StatusCode.OK, StatusCode.ResourceExhausted }));
        Assert.True(outcomes.Count(c => c == StatusCode.ResourceExhausted) >= 1, $"no request was refused: {string.Join(",", outcomes)}");
        Assert.Contains(StatusCode.OK, outcomes);
        var after = await client.EmbedAsync(request);
        Assert.Equal(64, after.Embeddings.Count);
    }

    [Fact]
    public void Start_QueuedFacesBelowOneRequest_RefusesToStart()
    {
        using var host = new WorkerFactory<FaceEmbedderService>(new Dictionary<string, string?>
        {
            ["Embedder:MaxFacesPerRequest"] = "64",
            ["Embedder:MaxQueuedFaces"] = "63",
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => host.Services);
        Assert.Contains("MaxQueuedFaces", error.Message, StringComparison.Ordinal);
    }

    private static async Task<StatusCode> OutcomeAsync<T>(Task<T> call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException ex)
        {
            return ex.StatusCode;
        }
    }

    /// <summary>A large PNG of noise: slow to decode and to search at every tile level, with no face in it.</summary>
    private static byte[] NoisePng(int width, int height)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        return TestImages.Encode(image);
    }

    private static FaceCrop Crop(int seed)
    {
        var rgb = new byte[112 * 112 * 3];
        new Random(seed).NextBytes(rgb);
        return new FaceCrop { Width = 112, Height = 112, Rgb = ByteString.CopyFrom(rgb) };
    }
}
