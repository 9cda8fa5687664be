namespace Identities.StackBenchmarks;

/// <summary>One throughput row: calls completed in the window, their latencies, failures, and CPU contamination.</summary>
internal sealed record LoadResult(int Clients, double Seconds, int Completed, int Failed, LatencySamples Latency, double? OtherShare,
    IReadOnlyDictionary<string, int> Failures)
{
    public double PerSecond => Completed / Seconds;
}
