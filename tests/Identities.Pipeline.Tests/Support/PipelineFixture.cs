using Identities.Testing;
using Google.Protobuf;
using Identities.Detector.Grpc;
using Identities.Detector.V1;
using Identities.Embedder.Grpc;
using Identities.Embedder.V1;
using Grpc.Net.Client;

namespace Identities.Pipeline.Tests.Support;

/// <summary>One detector and one embedder worker shared by a test class, with helpers over their gRPC APIs.</summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private readonly WorkerFactory<FaceDetectorService> _detectorHost = new();
    private readonly WorkerFactory<FaceEmbedderService> _embedderHost = new();
    private readonly Dictionary<string, float[]> _primaryEmbeddings = [];
    private readonly SemaphoreSlim _cacheLock = new(1, 1);

    public FaceDetector.FaceDetectorClient Detector { get; private set; } = null!;

    public FaceEmbedder.FaceEmbedderClient Embedder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var detectorChannel = await _detectorHost.StartServingAsync(TimeSpan.FromMinutes(2));
        var embedderChannel = await _embedderHost.StartServingAsync(TimeSpan.FromMinutes(2));
        Detector = new FaceDetector.FaceDetectorClient(detectorChannel);
        Embedder = new FaceEmbedder.FaceEmbedderClient(embedderChannel);
    }

    public async Task<DetectResponse> DetectAsync(byte[] image, DetectOptions? options = null) =>
        await Detector.DetectAsync(new DetectRequest { Image = ByteString.CopyFrom(image), Options = options });

    public async Task<float[][]> EmbedAsync(IEnumerable<AlignedFace> faces)
    {
        var request = new EmbedRequest();
        request.Faces.AddRange(faces.Select(f => new FaceCrop { Width = f.Width, Height = f.Height, Rgb = f.Rgb }));
        var response = await Embedder.EmbedAsync(request);
        return [.. response.Embeddings.Select(e => e.Values.ToArray())];
    }

    /// <summary>The embedding of a shared photo's primary (highest-scoring) face, computed once per photo.</summary>
    public async Task<float[]> PrimaryEmbeddingAsync(string file)
    {
        await _cacheLock.WaitAsync();
        try
        {
            if (!_primaryEmbeddings.TryGetValue(file, out var vector))
            {
                var detection = await DetectAsync(SharedFaces.Read(file));
                Assert.True(detection.Faces.Count > 0, $"{file}: no face found");
                vector = (await EmbedAsync([detection.Faces[0].Aligned]))[0];
                _primaryEmbeddings[file] = vector;
            }
            return vector;
        }
        finally
        {
            _cacheLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await _detectorHost.DisposeAsync();
        await _embedderHost.DisposeAsync();
        _cacheLock.Dispose();
    }
}
