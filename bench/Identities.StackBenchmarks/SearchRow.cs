namespace Identities.StackBenchmarks;

/// <summary>Search latency on one path at one gallery size.</summary>
internal sealed record SearchRow(int GalleryFaces, string Path, double P50Ms, double P99Ms, double MeanMs, int Calls);
