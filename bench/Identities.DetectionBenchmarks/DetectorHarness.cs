using System.Diagnostics.Metrics;
using Identities.Detector;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Identities.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Identities.DetectionBenchmarks;

/// <summary>The product's detection models, loaded once, and its pipeline under any <see cref="DetectorOptions"/>.</summary>
internal sealed class DetectorHarness : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DetectorModels _models;

    public DetectorHarness()
    {
        // The worker's defaults: CPU, one intra-op thread per session, no spinning.
        var inference = new InferenceOptions { ExecutionProvider = ExecutionProvider.Cpu, ModelsDirectory = RepositoryPaths.Models };
        _models = new DetectorModels(Options.Create(new DetectorOptions()), new OnnxSessionFactory(Options.Create(inference), NullLogger<OnnxSessionFactory>.Instance));
        _models.Warmup();
    }

    /// <summary>The product's defaults.</summary>
    public static DetectorOptions Defaults() => new();

    /// <summary>
    /// The pipeline as it was before the second look (issue 11): no second look, and the thresholds it needed
    /// then (MinScore 0.7, TileMinScore 0.85); every other option at today's default.
    /// </summary>
    public static DetectorOptions WithoutConfirmation() => new() { ConfirmationSureScore = 0, MinScore = 0.7f, TileMinScore = 0.85f };

    public FaceDetectionPipeline Pipeline(DetectorOptions options)
    {
        var wrapped = Options.Create(options);
        return new FaceDetectionPipeline(new ImageDecoder(wrapped), _models, wrapped, new DetectorMetrics(_services.GetRequiredService<IMeterFactory>()));
    }

    public void Dispose()
    {
        _models.Dispose();
        _services.Dispose();
    }
}
