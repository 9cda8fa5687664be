using Identities.Detector.Grpc;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Identities.Inference;
using Identities.ServiceDefaults;

namespace Identities.Detector.Extensions;

public static class DetectorExtensions
{
    /// <summary>Largest Detect message: a 15 MB upload after base64 plus room; larger images are refused.</summary>
    private const int MaxReceiveBytes = 32 * 1024 * 1024;

    /// <summary>Largest answer: Detector:MaxFacesPerImage (1,000) aligned crops of 37.6 KB each, plus room.</summary>
    private const int MaxSendBytes = 64 * 1024 * 1024;

    public static IHostApplicationBuilder AddDetector(this IHostApplicationBuilder builder)
    {
        builder.AddInference();
        builder.AddValidatedOptions<DetectorOptions>(DetectorOptions.SectionName);
        builder.Services.AddSingleton<DetectorMetrics>();
        builder.Services.AddSingleton<DetectorModels>();
        builder.Services.AddSingleton<IModelWarmup>(sp => sp.GetRequiredService<DetectorModels>());
        builder.Services.AddSingleton<ImageDecoder>();
        builder.Services.AddSingleton<FaceDetectionPipeline>();
        builder.Services.AddSingleton<DetectionThrottle>();
        builder.AddWorkerGrpc(DetectorAccess.Methods, options =>
        {
            options.MaxReceiveMessageSize = MaxReceiveBytes;
            options.MaxSendMessageSize = MaxSendBytes;
        });
        return builder;
    }

    public static WebApplication MapDetector(this WebApplication app)
    {
        app.MapGrpcService<FaceDetectorService>();
        return app;
    }
}
