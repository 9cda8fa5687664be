using Identities.Embedder.Batching;
using Identities.Embedder.Grpc;
using Identities.Embedder.Model;
using Identities.Inference;
using Identities.ServiceDefaults;

namespace Identities.Embedder.Extensions;

public static class EmbedderExtensions
{
    /// <summary>Largest Embed message: a full batch of 112x112 RGB crops with room to spare.</summary>
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    public static IHostApplicationBuilder AddEmbedder(this IHostApplicationBuilder builder)
    {
        builder.AddInference();
        builder.AddValidatedOptions<EmbedderOptions>(EmbedderOptions.SectionName)
            .Validate(o => o.MaxQueuedFaces >= o.MaxFacesPerRequest,
                "Embedder:MaxQueuedFaces must be at least Embedder:MaxFacesPerRequest, or the largest request could never be queued.");
        builder.Services.AddSingleton<EmbedderMetrics>();
        builder.Services.AddSingleton<FaceEmbeddingModel>();
        builder.Services.AddSingleton<IModelWarmup>(sp => sp.GetRequiredService<FaceEmbeddingModel>());
        builder.Services.AddSingleton<EmbeddingBatcher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddingBatcher>());
        builder.AddWorkerGrpc(EmbedderAccess.Methods, options =>
        {
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.MaxSendMessageSize = MaxMessageBytes;
        });
        return builder;
    }

    public static WebApplication MapEmbedder(this WebApplication app)
    {
        app.MapGrpcService<FaceEmbedderService>();
        return app;
    }
}
