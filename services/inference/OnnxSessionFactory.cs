using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Identities.Inference;

/// <summary>Creates ONNX Runtime sessions on the configured execution provider.</summary>
public sealed class OnnxSessionFactory(IOptions<InferenceOptions> options, ILogger<OnnxSessionFactory> logger)
{
    private readonly InferenceOptions _options = options.Value;

    /// <summary>Loads a model file, resolving a relative path against the models directory.</summary>
    public ModelSession Load(string path, Func<byte[], byte[]>? transform = null)
    {
        var fullPath = _options.ResolveModelPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"Model not found at {fullPath}; run scripts/models.sh or set the model path.", fullPath);
        }
        var bytes = File.ReadAllBytes(fullPath);
        return Create(transform is null ? bytes : transform(bytes), Path.GetFileName(fullPath));
    }

    /// <summary>Creates a session from a model's bytes on the configured provider.</summary>
    public ModelSession Create(byte[] model, string modelName)
    {
        if (_options.ExecutionProvider != ExecutionProvider.Cpu)
        {
            try
            {
                using var cudaOptions = CreateOptions();
                cudaOptions.AppendExecutionProvider_CUDA(_options.CudaDeviceId);
                var session = new InferenceSession(model, cudaOptions);
                logger.LogInformation("{Model} runs on CUDA device {Device}", modelName, _options.CudaDeviceId);
                return new ModelSession(session, "CUDA");
            }
            catch (OnnxRuntimeException ex) when (_options.ExecutionProvider == ExecutionProvider.Auto)
            {
                logger.LogWarning("{Model}: CUDA could not start ({Reason}); falling back to CPU",
                    modelName, ex.Message.Split('\n')[0]);
            }
        }

        using var cpuOptions = CreateOptions();
        logger.LogInformation("{Model} runs on CPU with {Threads} intra-op thread(s)",
            modelName, _options.IntraOpThreads);
        return new ModelSession(new InferenceSession(model, cpuOptions), "CPU");
    }

    private SessionOptions CreateOptions()
    {
        var sessionOptions = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", _options.AllowSpinning ? "1" : "0");
        return sessionOptions;
    }
}
