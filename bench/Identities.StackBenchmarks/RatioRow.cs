namespace Identities.StackBenchmarks;

/// <summary>Stack over in-process throughput for one operation and client count.</summary>
internal sealed record RatioRow(string Operation, int Clients, double StackPerSecond, double InProcessPerSecond, double Ratio);
