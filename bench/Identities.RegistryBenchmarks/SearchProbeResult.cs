using Identities.Testing;

namespace Identities.RegistryBenchmarks;

/// <summary>What <see cref="SearchProbe"/> measured: latencies in milliseconds (sorted) and the two recalls.</summary>
internal sealed record SearchProbeResult(double[] SortedLatencies, double ExactTop1, double RightPerson)
{
    public double P50 => Percentiles.OfSorted(SortedLatencies, 50);

    public double P99 => Percentiles.OfSorted(SortedLatencies, 99);
}
