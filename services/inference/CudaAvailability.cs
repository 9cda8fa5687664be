namespace Identities.Inference;

/// <summary>Whether CUDA can start in this process, and if not, why not in words an operator can act on.</summary>
public sealed record CudaAvailability(bool Available, string Reason);
