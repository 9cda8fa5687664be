using Grpc.Core;
using Identities.Embedder.Batching;
using Identities.Embedder.Model;
using Identities.Embedder.V1;
using Identities.Inference;
using Microsoft.Extensions.Options;

namespace Identities.Embedder.Grpc;

public sealed class FaceEmbedderService(
    EmbeddingBatcher batcher, FaceEmbeddingModel model, ModelReadiness readiness, IOptions<EmbedderOptions> options)
    : FaceEmbedder.FaceEmbedderBase
{
    public override async Task<EmbedResponse> Embed(EmbedRequest request, ServerCallContext context)
    {
        EnsureReady();
        var session = model.Session;
        CropValidator.Validate(request, session.InputWidth, session.InputHeight, options.Value.MaxFacesPerRequest);

        float[][] vectors;
        try
        {
            vectors = await batcher.EmbedAsync([.. request.Faces.Select(f => f.Rgb)], context.CancellationToken);
        }
        catch (QueueFullException ex)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, ex.Message));
        }
        var response = new EmbedResponse { ModelId = model.ModelId };
        foreach (var vector in vectors)
        {
            response.Embeddings.Add(new Embedding { Values = { vector } });
        }
        return response;
    }

    public override Task<ModelInfo> GetModel(GetModelRequest request, ServerCallContext context)
    {
        EnsureReady();
        var session = model.Session;
        return Task.FromResult(new ModelInfo
        {
            ModelId = model.ModelId,
            Dimension = session.Dimension,
            InputWidth = session.InputWidth,
            InputHeight = session.InputHeight,
            ExecutionProvider = session.Provider,
        });
    }

    private void EnsureReady()
    {
        if (!readiness.IsReady)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The embedding model is still loading."));
        }
    }
}
