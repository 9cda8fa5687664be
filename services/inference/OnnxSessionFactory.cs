using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Identities.Inference;

/// <summary>Creates ONNX Runtime sessions on the configured execution provider.</summary>
public sealed class OnnxSessionFactory(IOptions<InferenceOptions> options, ILogger<OnnxSessionFactory> logger)
{
    private readonly InferenceOptions _options = options.Value;

    /// <summary>Creates a session from a model's bytes; returns the provider it actually runs on.</summary>
    public (InferenceSession Session, string Provider) Create(byte[] model, string modelName)
    {
        if (_options.ExecutionProvider != ExecutionProvider.Cpu)
        {
            try
            {
                using var cudaOptions = CreateOptions();
                cudaOptions.AppendExecutionProvider_CUDA(_options.CudaDeviceId);
                var session = new InferenceSession(model, cudaOptions);
                logger.LogInformation("{Model} runs on CUDA device {Device}", modelName, _options.CudaDeviceId);
                return (session, "CUDA");
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
        return (new InferenceSession(model, cpuOptions), "CPU");
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
