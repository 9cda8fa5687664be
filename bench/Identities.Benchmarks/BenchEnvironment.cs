using System.Diagnostics.Metrics;
using Identities.Detector;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Identities.Embedder;
using Identities.Embedder.Model;
using Identities.Inference;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Identities.Benchmarks;

/// <summary>One shared photo, read into memory, with its decoded size.</summary>
internal sealed record Photo(string Name, byte[] Bytes, int Width, int Height);

/// <summary>Paths, photos and factories for the real detector and embedder classes, built without a host.</summary>
internal sealed class BenchEnvironment : IDisposable
{
    private readonly ServiceProvider _services;

    public BenchEnvironment(BenchSettings settings)
    {
        Settings = settings;
        RepositoryRoot = RepositoryPaths.Root;
        ModelsDirectory = RepositoryPaths.Models;
        FacesDirectory = RepositoryPaths.Faces;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
    }

    public BenchSettings Settings { get; }

    public string RepositoryRoot { get; }

    public string ModelsDirectory { get; }

    public string FacesDirectory { get; }

    public IMeterFactory MeterFactory { get; }

    /// <summary>Every image in the shared folder, ordinal order, then <paramref name="count"/> of them evenly spaced.</summary>
    public IReadOnlyList<string> SelectPhotoFiles(int count)
    {
        if (!Directory.Exists(FacesDirectory))
        {
            throw new DirectoryNotFoundException($"Shared photos not found at {FacesDirectory}; set IDENTITIES_FACES_DIR.");
        }
        var all = Directory.EnumerateFiles(FacesDirectory)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (all.Count == 0)
        {
            throw new FileNotFoundException($"No .jpg or .png photos in {FacesDirectory}.");
        }
        count = Math.Min(count, all.Count);
        return [.. Enumerable.Range(0, count).Select(i => all[(int)((long)i * all.Count / count)])];
    }

    public InferenceOptions Inference(int intraOpThreads, bool allowSpinning) => new()
    {
        ExecutionProvider = Settings.Provider,
        IntraOpThreads = intraOpThreads,
        AllowSpinning = allowSpinning,
        ModelsDirectory = ModelsDirectory,
    };

    public static OnnxSessionFactory SessionFactory(InferenceOptions inference) =>
        new(Options.Create(inference), NullLogger<OnnxSessionFactory>.Instance);

    /// <summary>The detection and landmark sessions, loaded and warmed as the worker does.</summary>
    public static DetectorModels LoadDetector(InferenceOptions inference)
    {
        var models = new DetectorModels(Options.Create(new DetectorOptions()), SessionFactory(inference));
        models.Warmup();
        return models;
    }

    public FaceDetectionPipeline Pipeline(DetectorModels models, DetectorOptions options)
    {
        var wrapped = Options.Create(options);
        return new FaceDetectionPipeline(new ImageDecoder(wrapped), models, wrapped, new DetectorMetrics(MeterFactory));
    }

    /// <summary>The embedder's model object (what EmbeddingBatcher runs on; its Session is the embedding session), loaded and warmed.</summary>
    public static FaceEmbeddingModel LoadEmbeddingModel(InferenceOptions inference, EmbedderOptions options)
    {
        var model = new FaceEmbeddingModel(Options.Create(options), Options.Create(inference), SessionFactory(inference));
        model.Warmup();
        return model;
    }

    public EmbedderMetrics EmbedderMetrics() => new(MeterFactory);

    public void Dispose() => _services.Dispose();
}
