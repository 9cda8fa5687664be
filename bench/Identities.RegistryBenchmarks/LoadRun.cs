namespace Identities.RegistryBenchmarks;

/// <summary>What one RegistryLoader run enrolled: up to which face, how many, how fast, each enrollment's latency (ms, sorted), face id to index.</summary>
internal sealed record LoadRun(int Reached, int Faces, double Seconds, double[] SortedLatencies, IReadOnlyDictionary<string, int> IndexOf)
{
    public double Rate => Faces / Seconds;
}
