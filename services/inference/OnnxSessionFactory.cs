using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Identities.Inference;

/// <summary>Creates ONNX Runtime sessions on the configured execution provider.</summary>
public sealed class OnnxSessionFactory(IOptions<InferenceOptions> options, ILogger<OnnxSessionFactory> logger, InferenceMetrics? metrics = null)
{
    private readonly InferenceOptions _options = options.Value;
    private int _decisionLogged;

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
        var session = CreateSession(model, modelName);
        metrics?.Loaded(modelName, session.Provider);
        return session;
    }

    private ModelSession CreateSession(byte[] model, string modelName)
    {
        if (_options.ExecutionProvider == ExecutionProvider.Cpu)
        {
            LogOnce(LogLevel.Information, "Execution provider: CPU (configured), {Threads} intra-op thread(s) per model", _options.IntraOpThreads);
            return CreateCpu(model, modelName);
        }
        // Auto asks CUDA only where the probe says it can start: no native error dump per model on CPU machines.
        // Cuda always asks ONNX Runtime, so a probe that misjudges a machine can never take a GPU away.
        var cuda = CudaProbe.Check(_options.CudaDeviceId);
        if (!cuda.Available && _options.ExecutionProvider == ExecutionProvider.Auto)
        {
            LogOnce(LogLevel.Warning, "Execution provider: CPU, {Threads} intra-op thread(s) per model (Auto; CUDA not used: {Reason})",
                _options.IntraOpThreads, cuda.Reason);
            return CreateCpu(model, modelName);
        }
        try
        {
            using var cudaOptions = CreateOptions();
            cudaOptions.AppendExecutionProvider_CUDA(_options.CudaDeviceId);
            var session = new InferenceSession(model, cudaOptions);
            LogOnce(LogLevel.Information, "Execution provider: CUDA device {Device} ({Reason})", _options.CudaDeviceId, cuda.Reason);
            logger.LogDebug("{Model} runs on CUDA device {Device}", modelName, _options.CudaDeviceId);
            return new ModelSession(session, "CUDA");
        }
        catch (OnnxRuntimeException ex) when (_options.ExecutionProvider == ExecutionProvider.Auto)
        {
            LogOnce(LogLevel.Warning, "Execution provider: CPU, {Threads} intra-op thread(s) per model (Auto; CUDA did not start: {Reason})",
                _options.IntraOpThreads, ex.Message.Split('\n')[0]);
            return CreateCpu(model, modelName);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidOperationException(
                $"Inference:ExecutionProvider is Cuda but CUDA did not start for {modelName}: {ex.Message.Split('\n')[0]} (probe: {cuda.Reason}).", ex);
        }
    }

    private ModelSession CreateCpu(byte[] model, string modelName)
    {
        using var cpuOptions = CreateOptions();
        logger.LogDebug("{Model} runs on CPU with {Threads} intra-op thread(s)", modelName, _options.IntraOpThreads);
        return new ModelSession(new InferenceSession(model, cpuOptions), "CPU");
    }

    /// <summary>The provider decision, logged once per worker rather than once per model.</summary>
    private void LogOnce(LogLevel level, string message, params object?[] args)
    {
        if (Interlocked.Exchange(ref _decisionLogged, 1) == 0)
        {
#pragma warning disable CA2254 // The templates are the constants above.
            logger.Log(level, message, args);
#pragma warning restore CA2254
        }
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
