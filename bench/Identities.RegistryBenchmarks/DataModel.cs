namespace Identities.RegistryBenchmarks;

/// <summary>How the benchmark's vectors are drawn (<c>--data</c>).</summary>
internal enum DataModel
{
    /// <summary>Random unit centres, isotropic noise: every unrelated pair at cosine 0 ± 0.044, the hardest case for a graph index.</summary>
    Isotropic,

    /// <summary>Centres and variation in an anisotropic space calibrated on the real model's embeddings (<see cref="FaceSpace"/>).</summary>
    Face,
}
