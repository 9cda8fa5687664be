namespace Identities.RegistryBenchmarks;

/// <summary>Cosine figures of a generated gallery, printed with the data description.</summary>
internal sealed record CosineStatistics(double Same, double Different, double DifferentDeviation, double NearestOtherIdentity);
