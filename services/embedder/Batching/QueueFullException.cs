namespace Identities.Embedder.Batching;

/// <summary>The batcher's queue cannot take a request's faces now; nothing of the request was queued.</summary>
public sealed class QueueFullException(int queued, int limit)
    : Exception($"The embedder is at capacity ({queued} faces queued, limit {limit}); retry later.");
