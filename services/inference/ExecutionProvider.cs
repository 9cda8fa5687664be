namespace Identities.Inference;

public enum ExecutionProvider
{
    /// <summary>CUDA when it starts, otherwise CPU with a logged warning.</summary>
    Auto,
    Cpu,
    /// <summary>CUDA or fail: for GPU node pools where a silent CPU fallback would hide a broken node.</summary>
    Cuda,
}
