namespace Identities.StackBenchmarks;

/// <summary>One throughput row as JSON.</summary>
internal sealed record ThroughputRow(string Operation, string Mode, int Clients, double PerSecond, double P50Ms, double P99Ms, double MeanMs,
    int Completed, int Failed, IReadOnlyDictionary<string, int> Failures, double? OtherCpuShare)
{
    public static ThroughputRow From(string operation, string mode, LoadResult result) => new(operation, mode, result.Clients, result.PerSecond,
        result.Latency.P50, result.Latency.P99, result.Latency.Mean, result.Completed, result.Failed, result.Failures, result.OtherShare);
}
