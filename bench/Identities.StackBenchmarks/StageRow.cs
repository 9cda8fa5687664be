namespace Identities.StackBenchmarks;

/// <summary>One stage of a faceDetect: in process, over gRPC, and the difference.</summary>
internal sealed record StageRow(string Stage, double InProcessMeanMs, double? OverGrpcMeanMs, double? HopCostMs);
