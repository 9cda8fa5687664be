using System.Diagnostics;
using Google.Protobuf;
using Grpc.Core;
using Identities.Contracts.Errors;
using Identities.Detector.V1;
using Identities.Embedder.V1;
using Identities.Gateway.Problems;
using Identities.Registry.V1;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Faces;

/// <summary>The four face operations as fan-outs over the detector, embedder and registry.</summary>
public sealed class FaceRecognitionService(
    FaceDetector.FaceDetectorClient detector,
    FaceEmbedder.FaceEmbedderClient embedder,
    Registry.V1.Registry.RegistryClient registry,
    IOptions<GatewayOptions> options,
    GatewayMetrics metrics)
{
    private const string CallRegistry = "call_registry";

    private readonly GatewayOptions _options = options.Value;

    public async Task<FaceEnrollResponse> EnrollAsync(byte[] image, string? photoReferenceId, string? personId, bool force, CancellationToken cancellationToken)
    {
        if (personId is not null)
        {
            // Fail fast (404) before spending detector and embedder time on an unknown person.
            await CallAsync(() => registry.GetPersonAsync(new GetPersonRequest { PersonId = personId }, RegistryOptions(cancellationToken)).ResponseAsync, "faceImage");
        }
        var detection = await DetectAsync(image, "faceImage", cancellationToken);
        var face = PrimaryFaceSelector.SelectForEnrollment(detection.Faces, _options, force, "faceImage");
        var embedding = await EmbedAsync([face], cancellationToken);

        var request = new EnrollFaceRequest
        {
            ModelId = embedding.ModelId,
            Box = new Box { X = face.Box.X, Y = face.Box.Y, Width = face.Box.Width, Height = face.Box.Height },
            Quality = face.Quality.Score,
            PhotoReferenceId = photoReferenceId ?? "",
            DetectId = Guid.CreateVersion7().ToString(),
        };
        request.Vector.AddRange(embedding.Embeddings[0].Values);
        if (personId is not null)
        {
            request.PersonId = personId;
        }
        else
        {
            // The registry creates the person in the same atomic script as the face: a failed enrollment
            // leaves no person behind, so there is nothing to roll back here.
            request.NewPerson = new PersonDetails();
        }

        try
        {
            // Not retried: a retry after a lost reply could enroll twice (a photoReferenceId makes it safe for callers).
            var started = Stopwatch.GetTimestamp();
            var result = await registry.EnrollFaceAsync(request, RegistryOptions(cancellationToken));
            metrics.Stages.Record(CallRegistry, started);
            return new FaceEnrollResponse(result.PersonId, result.FaceId);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.AlreadyExists)
        {
            var existing = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>()?.Metadata.GetValueOrDefault(ErrorMetadataKeys.ExistingFaceId);
            throw new ApiProblemException(StatusCodes.Status409Conflict, ProblemCodes.ReferenceExists, "The photo reference is already enrolled.",
                ex.Status.Detail, "photoReferenceId")
            { Extensions = { ["existingFaceId"] = existing } };
        }
        catch (RpcException ex)
        {
            throw GrpcProblemMapper.ToProblem(ex, "faceImage");
        }
    }

    public async Task<FaceDetectResponse> DetectAsync(byte[] image, CancellationToken cancellationToken)
    {
        var detection = await DetectAsync(image, "image", cancellationToken);
        if (detection.Faces.Count == 0)
        {
            return new FaceDetectResponse([]);
        }
        var (modelId, vectors) = await EmbedAllAsync(detection.Faces, cancellationToken);
        var matches = await SearchAllAsync(modelId, vectors, cancellationToken);

        return new FaceDetectResponse([.. detection.Faces.Select((face, i) => FaceDetectionMapper.ToDetection(face, matches[i].Matches.FirstOrDefault()))]);
    }

    public async Task<FaceCompareResponse> CompareAsync(byte[] image1, byte[] image2, CancellationToken cancellationToken)
    {
        var first = DetectAsync(image1, "image1", cancellationToken);
        var second = DetectAsync(image2, "image2", cancellationToken);
        var face1 = PrimaryFaceSelector.Select((await first).Faces, "image1");
        var face2 = PrimaryFaceSelector.Select((await second).Faces, "image2");
        var embedding = await EmbedAsync([face1, face2], cancellationToken);

        return FaceComparison.FromEmbeddings(embedding.Embeddings[0].Values, embedding.Embeddings[1].Values, _options.MatchThreshold);
    }

    public async Task<CheckImageReferenceResponse> CheckReferenceAsync(string referenceId, CancellationToken cancellationToken)
    {
        var result = await CallAsync(() => registry.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = referenceId }, RegistryOptions(cancellationToken)).ResponseAsync, "referenceId");
        return result.Exists ? new CheckImageReferenceResponse(true, result.FaceId, result.DetectId) : new CheckImageReferenceResponse(false, null, null);
    }

    private Task<DetectResponse> DetectAsync(byte[] image, string field, CancellationToken cancellationToken) =>
        CallAsync(() => detector.DetectAsync(new DetectRequest { Image = UnsafeByteOperations.UnsafeWrap(image) }, InferenceOptions(cancellationToken)).ResponseAsync, field, "call_detector");

    /// <summary>
    /// Every face's embedding, in order. A crowd photo holds more faces than one embedder call accepts, so the
    /// crops go in batches of <see cref="GatewayOptions.EmbedBatchSize"/>.
    /// </summary>
    private async Task<(string ModelId, List<Embedding> Vectors)> EmbedAllAsync(IReadOnlyList<DetectedFace> faces, CancellationToken cancellationToken)
    {
        var modelId = "";
        var vectors = new List<Embedding>(faces.Count);
        foreach (var batch in faces.Chunk(_options.EmbedBatchSize))
        {
            var embedding = await EmbedAsync(batch, cancellationToken);
            modelId = embedding.ModelId;
            vectors.AddRange(embedding.Embeddings);
        }
        return (modelId, vectors);
    }

    /// <summary>The best match of every vector, in order, in SearchBatch calls of at most <see cref="GatewayOptions.SearchBatchSize"/> queries.</summary>
    private async Task<List<SearchResponse>> SearchAllAsync(string modelId, List<Embedding> vectors, CancellationToken cancellationToken)
    {
        var results = new List<SearchResponse>(vectors.Count);
        foreach (var batch in vectors.Chunk(_options.SearchBatchSize))
        {
            var search = new SearchBatchRequest
            {
                ModelId = modelId,
                K = 1,
                MinScore = (float)MatchConfidence.ToCosine(_options.MatchThreshold),
            };
            search.Queries.AddRange(batch.Select(e => new SearchQuery { Vector = { e.Values } }));
            var matches = await CallAsync(() => registry.SearchBatchAsync(search, RegistryOptions(cancellationToken)).ResponseAsync, "image");
            results.AddRange(matches.Results);
        }
        return results;
    }

    private Task<EmbedResponse> EmbedAsync(IEnumerable<DetectedFace> faces, CancellationToken cancellationToken)
    {
        var request = new EmbedRequest();
        request.Faces.AddRange(faces.Select(f => new FaceCrop { Width = f.Aligned.Width, Height = f.Aligned.Height, Rgb = f.Aligned.Rgb }));
        return CallAsync(() => embedder.EmbedAsync(request, InferenceOptions(cancellationToken)).ResponseAsync, "image", "call_embedder");
    }

    private CallOptions InferenceOptions(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.AddMilliseconds(_options.InferenceTimeoutMilliseconds), cancellationToken: cancellationToken);

    private CallOptions RegistryOptions(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.AddMilliseconds(_options.RegistryTimeoutMilliseconds), cancellationToken: cancellationToken);

    /// <summary>Calls a worker, timed as <paramref name="stage"/>; its errors become the caller's problem+json.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call, string imageField, string stage = CallRegistry)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await call();
        }
        catch (RpcException ex)
        {
            throw GrpcProblemMapper.ToProblem(ex, imageField);
        }
        finally
        {
            metrics.Stages.Record(stage, started);
        }
    }
}
