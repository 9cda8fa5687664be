using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;
using Identities.BenchCommon;
using Identities.Detector;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Identities.Embedder;
using Identities.Embedder.Model;
using Identities.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.StackBenchmarks;

/// <summary>
/// The stack's work in one process, no network hops but Redis: parse the JSON body (base64 included), decode,
/// detect, align, score (FaceDetectionPipeline), embed every face in one batch (the embedder's session), search
/// each face as the registry does (VSIM, then the face hash for its person), and write the JSON answer.
/// Same classes, same configuration defaults as the workers.
/// </summary>
internal sealed class InProcessPipeline : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ServiceProvider _services;
    private readonly DetectorModels _detector;
    private readonly FaceEmbeddingModel _embedder;
    private readonly FaceDetectionPipeline _pipeline;
    private readonly ImageDecoder _decoder;
    private readonly ConnectionMultiplexer _redis;
    private readonly string _vectorKey;
    private readonly string _prefix;

    public InProcessPipeline(string redis, string keyPrefix = "idn")
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var inference = Options.Create(new InferenceOptions { ModelsDirectory = RepositoryPaths.Models });
        var sessions = new OnnxSessionFactory(inference, NullLogger<OnnxSessionFactory>.Instance);
        var detectorOptions = Options.Create(new DetectorOptions());
        _detector = new DetectorModels(detectorOptions, sessions);
        _detector.Warmup();
        _decoder = new ImageDecoder(detectorOptions);
        _pipeline = new FaceDetectionPipeline(_decoder, _detector, detectorOptions, new DetectorMetrics(_services.GetRequiredService<IMeterFactory>()));
        _embedder = new FaceEmbeddingModel(Options.Create(new EmbedderOptions()), inference, sessions);
        _embedder.Warmup();
        _redis = ConnectionMultiplexer.Connect(redis);
        _prefix = keyPrefix;
        _vectorKey = $"{keyPrefix}:vectors:{_embedder.ModelId}";
    }

    public string ModelId => _embedder.ModelId;

    /// <summary>faceDetect's work; <paramref name="stages"/> (when given) gets each stage's milliseconds.</summary>
    public async Task<byte[]> DetectAsync(byte[] body, StageTimes? stages = null)
    {
        var clock = Stopwatch.GetTimestamp();
        var image = JsonSerializer.Deserialize<DetectBody>(body, Json)!.Image;
        clock = stages?.Lap("JSON + base64 parse", clock) ?? clock;
        var detection = _pipeline.Detect(image, new DetectionRequestOptions(), CancellationToken.None);
        clock = stages?.Lap("decode + detect + landmarks + align + quality", clock) ?? clock;
        var vectors = Embed(detection.Faces);
        clock = stages?.Lap("embed (one batch per image)", clock) ?? clock;
        var matches = await SearchAsync(vectors);
        clock = stages?.Lap("1:N search (VSIM + person lookup)", clock) ?? clock;
        var answer = JsonSerializer.SerializeToUtf8Bytes(new
        {
            detections = detection.Faces.Select((f, i) => new
            {
                faceId = Guid.CreateVersion7().ToString(),
                personId = matches[i]?.PersonId,
                confidence = Math.Round(f.Score, 4),
                quality = Math.Round(f.Quality.Score, 4),
                boundingBox = new { x = (int)Math.Round(f.Box.X1), y = (int)Math.Round(f.Box.Y1), width = (int)Math.Round(f.Box.Width), height = (int)Math.Round(f.Box.Height) },
                matchConfidence = matches[i] is { } m ? Math.Round((1 + m.Cosine) / 2, 4) : (double?)null,
                matchedFaceId = matches[i]?.FaceId,
                landmarks = f.Landmarks.Select(p => new { x = p.X, y = p.Y }),
            }),
        }, Json);
        stages?.Lap("JSON answer", clock);
        return answer;
    }

    /// <summary>faceCompare's work: both images detected, both primary faces embedded in one batch, cosine.</summary>
    public double Compare(byte[] body)
    {
        var request = JsonSerializer.Deserialize<CompareBody>(body, Json)!;
        var first = _pipeline.Detect(request.Image1, new DetectionRequestOptions(), CancellationToken.None);
        var second = _pipeline.Detect(request.Image2, new DetectionRequestOptions(), CancellationToken.None);
        if (first.Faces.Count == 0 || second.Faces.Count == 0)
        {
            return double.NaN;
        }
        var vectors = Embed([Largest(first.Faces), Largest(second.Faces)]);
        var cosine = 0.0;
        for (var i = 0; i < vectors[0].Length; i++)
        {
            cosine += vectors[0][i] * vectors[1][i];
        }
        return cosine;
    }

    /// <summary>Every face of an image, primary (largest) first.</summary>
    public IReadOnlyList<DetectedFaceResult> DetectFaces(byte[] image) =>
        [.. _pipeline.Detect(image, new DetectionRequestOptions(), CancellationToken.None).Faces.OrderByDescending(f => f.Box.Width * f.Box.Height)];

    /// <summary>Decoding alone, to say how much of detection it is.</summary>
    public void Decode(byte[] image)
    {
        using var mat = _decoder.Decode(image);
    }

    public float[][] Embed(IReadOnlyList<DetectedFaceResult> faces)
    {
        if (faces.Count == 0)
        {
            return [];
        }
        var session = _embedder.Session;
        var input = new float[faces.Count * session.InputLength];
        for (var i = 0; i < faces.Count; i++)
        {
            EmbeddingPreprocessor.Fill(faces[i].AlignedRgb ?? throw new InvalidOperationException("The pipeline returned a face without its crop."), session.InputWidth, session.InputHeight, input.AsSpan(i * session.InputLength, session.InputLength));
        }
        return session.Run(input, faces.Count);
    }

    public async Task<(string FaceId, string PersonId, double Cosine)?[]> SearchAsync(float[][] vectors)
    {
        var database = _redis.GetDatabase();
        var searches = vectors.Select(v => database.ExecuteAsync("VSIM", _vectorKey, "FP32", Blob(v), "WITHSCORES", "COUNT", 1)).ToArray();
        var results = new (string FaceId, string PersonId, double Cosine)?[vectors.Length];
        for (var i = 0; i < searches.Length; i++)
        {
            var reply = await searches[i];
            if (reply.IsNull || ((RedisResult[])reply!).Length < 2)
            {
                continue;
            }
            var items = (RedisResult[])reply!;
            var faceId = (string)items[0]!;
            var cosine = (2 * double.Parse((string)items[1]!, CultureInfo.InvariantCulture)) - 1;
            var person = await database.HashGetAsync($"{_prefix}:face:{faceId}", "person");
            if (!person.IsNull)
            {
                results[i] = (faceId, person.ToString(), cosine);
            }
        }
        return results;
    }

    public void Dispose()
    {
        _redis.Dispose();
        _embedder.Dispose();
        _detector.Dispose();
        _services.Dispose();
    }

    private static DetectedFaceResult Largest(IReadOnlyList<DetectedFaceResult> faces) =>
        faces.MaxBy(f => f.Box.Width * f.Box.Height)!;

    private static byte[] Blob(float[] vector) => System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    private sealed record DetectBody(byte[] Image);

    private sealed record CompareBody(byte[] Image1, byte[] Image2);
}
