using System.Diagnostics.Metrics;
using System.Text.Json;
using Identities.Detector;
using Identities.Detector.Grpc;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Identities.Detector.V1;
using Identities.Embedder;
using Identities.Embedder.Batching;
using Identities.Embedder.Model;
using Identities.Gateway;
using Identities.Gateway.Faces;
using Identities.Gateway.Problems;
using Identities.Inference;
using Identities.Registry;
using Identities.Registry.Grpc;
using Identities.Registry.Storage;
using Identities.Registry.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Identities.StackBenchmarks;

/// <summary>
/// The stack's work in one process, no network hop but Redis, through the product's own code and configuration
/// (each service's appsettings.json): the gateway's request type and JSON, the detector's FaceDetectionPipeline and
/// its answer mapping, the gateway's primary-face rule, the embedder's EmbeddingBatcher, the registry's VectorSearch
/// (every shard, re-rank, EF, the gateway's match threshold) on the stack's Redis, and the gateway's answer mapping.
/// What is left out is exactly what the split adds: TLS, auth, gRPC serialisation and the hops.
/// </summary>
internal sealed class InProcessPipeline : IAsyncDisposable
{
    public const string DetectStage = "decode + detect + landmarks + align + quality";
    public const string EmbedStage = "embed (the embedder's batcher)";
    public const string SearchStage = "1:N search (the registry's VectorSearch)";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ServiceProvider _services;
    private readonly DetectorModels _detector;
    private readonly FaceEmbeddingModel _embedder;
    private readonly EmbeddingBatcher _batcher;
    private readonly FaceDetectionPipeline _pipeline;
    private readonly ImageDecoder _decoder;
    private readonly RedisConnection _redis;
    private readonly VectorSearch _search;
    private readonly GatewayOptions _gateway;

    private InProcessPipeline(RegistryOptions registry)
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        var detectorInference = Inference("detector");
        var detectorOptions = Options.Create(ServiceConfiguration.Bind<DetectorOptions>("detector", DetectorOptions.SectionName));
        _detector = new DetectorModels(detectorOptions, Sessions(detectorInference));
        _detector.Warmup();
        _decoder = new ImageDecoder(detectorOptions);
        _pipeline = new FaceDetectionPipeline(_decoder, _detector, detectorOptions, new DetectorMetrics(meters));

        var embedderInference = Inference("embedder");
        var embedderOptions = Options.Create(ServiceConfiguration.Bind<EmbedderOptions>("embedder", EmbedderOptions.SectionName));
        _embedder = new FaceEmbeddingModel(embedderOptions, embedderInference, Sessions(embedderInference));
        _embedder.Warmup();
        _batcher = new EmbeddingBatcher(_embedder, embedderOptions, new EmbedderMetrics(meters));

        _redis = new RedisConnection(Options.Create(registry));
        _search = new VectorSearch(_redis, new ModelDimensions(_redis, Options.Create(registry)), Options.Create(registry));
        _gateway = ServiceConfiguration.Bind<GatewayOptions>("gateway", GatewayOptions.SectionName);
    }

    public string ModelId => _embedder.ModelId;

    /// <summary>The cosine the gateway asks the registry for: its match threshold on the cosine scale.</summary>
    public float MinCosine => (float)MatchConfidence.ToCosine(_gateway.MatchThreshold);

    /// <summary>Loads the models and connects to the stack's Redis as the registry does (its user and password when given).</summary>
    public static async Task<InProcessPipeline> StartAsync(string redis, string? user, string? password)
    {
        var registry = ServiceConfiguration.Bind<RegistryOptions>("registry", RegistryOptions.SectionName);
        registry.Redis = redis;
        registry.RedisUser = user;
        registry.RedisPassword = password;
        var pipeline = new InProcessPipeline(registry);
        await pipeline._redis.StartAsync(CancellationToken.None);
        await pipeline._batcher.StartAsync(CancellationToken.None);
        return pipeline;
    }

    /// <summary>faceDetect's work; <paramref name="stages"/> (when given) gets each stage's milliseconds.</summary>
    public async Task<byte[]> DetectAsync(byte[] body, StageTimes? stages = null)
    {
        var clock = System.Diagnostics.Stopwatch.GetTimestamp();
        var image = JsonSerializer.Deserialize<FaceDetectRequest>(body, Json)!.Image;
        clock = stages?.Lap("JSON + base64 parse", clock) ?? clock;
        var faces = Detect(image).Faces;
        clock = stages?.Lap(DetectStage, clock) ?? clock;
        var vectors = await EmbedAsync(faces);
        clock = stages?.Lap(EmbedStage, clock) ?? clock;
        var matches = await SearchAsync(vectors);
        clock = stages?.Lap(SearchStage, clock) ?? clock;
        var answer = JsonSerializer.SerializeToUtf8Bytes(
            new FaceDetectResponse([.. faces.Select((face, i) => FaceDetectionMapper.ToDetection(face, matches[i].Matches.FirstOrDefault()))]), Json);
        stages?.Lap("JSON answer", clock);
        return answer;
    }

    /// <summary>faceCompare's work: both images detected, both primary faces embedded together, the gateway's verdict.</summary>
    public async Task<string?> CompareAsync(byte[] body)
    {
        var request = JsonSerializer.Deserialize<FaceCompareRequest>(body, Json)!;
        try
        {
            var first = PrimaryFaceSelector.Select(Detect(request.Image1!).Faces, "image1");
            var second = PrimaryFaceSelector.Select(Detect(request.Image2!).Faces, "image2");
            var vectors = await EmbedAsync([first, second]);
            _ = JsonSerializer.SerializeToUtf8Bytes(FaceComparison.FromEmbeddings(vectors[0], vectors[1], _gateway.MatchThreshold), Json);
            return null;
        }
        catch (ApiProblemException ex)
        {
            return ex.Code;
        }
    }

    /// <summary>The primary face's embedding, or null without a face (seeds for the synthetic gallery).</summary>
    public async Task<float[]?> EmbedPrimaryAsync(byte[] image)
    {
        var faces = Detect(image).Faces;
        return faces.Count == 0 ? null : (await EmbedAsync([PrimaryFaceSelector.Select(faces, "image")]))[0];
    }

    /// <summary>Decoding alone, to say how much of detection it is.</summary>
    public void Decode(byte[] image)
    {
        using var mat = _decoder.Decode(image);
    }

    /// <summary>The gateway's 1:N search of faceDetect: best match per vector above the match threshold, in batches as it sends them.</summary>
    public async Task<List<SearchResponse>> SearchAsync(IReadOnlyList<float[]> vectors)
    {
        var results = new List<SearchResponse>(vectors.Count);
        foreach (var batch in vectors.Chunk(_gateway.SearchBatchSize))
        {
            _ = await _search.DimensionAsync(ModelId);
            results.AddRange((await _search.SearchAsync(batch, ModelId, 1, MinCosine)).Select(RegistryMapper.ToMessage));
        }
        return results;
    }

    public async ValueTask DisposeAsync()
    {
        await _batcher.StopAsync(CancellationToken.None);
        _batcher.Dispose();
        await _redis.DisposeAsync();
        _embedder.Dispose();
        _detector.Dispose();
        await _services.DisposeAsync();
    }

    /// <summary>The detector worker's answer: the pipeline's result in the message the gateway reads.</summary>
    private DetectResponse Detect(byte[] image) =>
        DetectionMapper.ToResponse(_pipeline.Detect(image, new DetectionRequestOptions(), CancellationToken.None));

    /// <summary>Every face's vector, in order, in the gateway's embed batches, through the embedder's batcher.</summary>
    private async Task<List<float[]>> EmbedAsync(IReadOnlyList<DetectedFace> faces)
    {
        var vectors = new List<float[]>(faces.Count);
        foreach (var batch in faces.Chunk(_gateway.EmbedBatchSize))
        {
            vectors.AddRange(await _batcher.EmbedAsync([.. batch.Select(f => f.Aligned.Rgb)], CancellationToken.None));
        }
        return vectors;
    }

    private static IOptions<InferenceOptions> Inference(string service)
    {
        var options = ServiceConfiguration.Bind<InferenceOptions>(service, InferenceOptions.SectionName);
        options.ModelsDirectory = RepositoryPaths.Models;
        return Options.Create(options);
    }

    private static OnnxSessionFactory Sessions(IOptions<InferenceOptions> inference) =>
        new(inference, NullLogger<OnnxSessionFactory>.Instance);
}
