using Google.Protobuf;
using Identities.Detector.Grpc;
using Identities.Detector.V1;
using Identities.Testing;

namespace Identities.Pipeline.Tests.Support;

/// <summary>A second detector worker that always decodes at full size (Detector:MaxDecodeReduction=1): the reference for reduced decoding.</summary>
public sealed class FullDecodeDetectorFixture : IAsyncLifetime
{
    private readonly WorkerFactory<FaceDetectorService> _host = new(new Dictionary<string, string?> { ["Detector:MaxDecodeReduction"] = "1" });

    public FaceDetector.FaceDetectorClient Detector { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Detector = new FaceDetector.FaceDetectorClient(await _host.StartServingAsync(TimeSpan.FromMinutes(2)));

    public async Task<DetectResponse> DetectAsync(byte[] image) =>
        await Detector.DetectAsync(new DetectRequest { Image = ByteString.CopyFrom(image) });

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
