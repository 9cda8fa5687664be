using System.ComponentModel.DataAnnotations;

namespace Identities.Inference;

/// <summary>How a worker runs its ONNX models (section "Inference").</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    public ExecutionProvider ExecutionProvider { get; set; } = ExecutionProvider.Auto;

    [Range(0, 64)]
    public int CudaDeviceId { get; set; }

    /// <summary>
    /// Threads per session. Several sessions in one process on few cores fight when each takes every
    /// core and spins; 1 thread without spinning per session measured 2x faster on 2 cores.
    /// 0 lets ONNX Runtime choose.
    /// </summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; } = 1;

    public bool AllowSpinning { get; set; }

    /// <summary>Where relative model paths are looked up; IDENTITIES_MODELS_DIR, else ./models.</summary>
    public string ModelsDirectory { get; set; } =
        Environment.GetEnvironmentVariable("IDENTITIES_MODELS_DIR") is { Length: > 0 } dir ? dir : "models";

    public string ResolveModelPath(string path) => Path.GetFullPath(Path.Combine(ModelsDirectory, path));
}
