using Google.Protobuf;

namespace Identities.Embedder.Batching;

/// <summary>One validated crop waiting for a model run, and where its vector goes; Queued is a Stopwatch timestamp.</summary>
internal sealed record PendingFace(ByteString Rgb, TaskCompletionSource<float[]> Result, CancellationToken Cancellation, long Queued);
