using System.Security.Cryptography;
using Identities.Embedder.Onnx;
using Identities.Inference;
using Microsoft.Extensions.Options;

namespace Identities.Embedder.Model;

/// <summary>The loaded embedding model and the id of its vector space.</summary>
public sealed class FaceEmbeddingModel(
    IOptions<EmbedderOptions> options, IOptions<InferenceOptions> inference, OnnxSessionFactory sessions)
    : IModelWarmup, IDisposable
{
    private EmbeddingSession? _session;

    public EmbeddingSession Session => _session ?? throw new InvalidOperationException("The embedding model is not loaded yet.");

    public string ModelId { get; private set; } = "";

    public void Warmup()
    {
        var path = inference.Value.ResolveModelPath(options.Value.ModelPath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Embedding model not found at {path}; run scripts/models.sh or set Embedder:ModelPath.", path);
        }
        var bytes = File.ReadAllBytes(path);
        ModelId = string.IsNullOrWhiteSpace(options.Value.ModelId) ? DeriveModelId(path, bytes) : options.Value.ModelId;

        var loaded = new EmbeddingSession(sessions.Create(DynamicBatchPatcher.Patch(bytes), Path.GetFileName(path)));
        // Run each batch size the batcher will use most, so the first callers pay no allocation cost.
        foreach (var batch in new[] { 1, Math.Min(2, options.Value.MaxBatchSize) })
        {
            loaded.Run(new float[batch * loaded.InputLength], batch);
        }
        _session = loaded;
    }

    /// <summary>"fr_feature-87aacdfe5751": two different files never share an id.</summary>
    public static string DeriveModelId(string path, byte[] bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        return $"{Path.GetFileNameWithoutExtension(path)}-{hash}";
    }

    public void Dispose() => _session?.Dispose();
}
