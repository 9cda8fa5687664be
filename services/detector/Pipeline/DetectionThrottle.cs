using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Identities.Detector.Pipeline;

/// <summary>
/// Bounds how many images are processed at once and how many may wait: detection is CPU-bound, more concurrent
/// images than cores only adds latency, and every waiting request holds its whole image (up to tens of MB).
/// Beyond the queue a caller is refused at once (the service answers RESOURCE_EXHAUSTED) instead of piling up.
/// Waiting callers honour their deadline.
/// </summary>
public sealed class DetectionThrottle(IOptions<DetectorOptions> options) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrency > 0 ? options.Value.MaxConcurrency : Environment.ProcessorCount,
        QueueLimit = options.Value.MaxQueuedImages,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>A slot to dispose when done, or null when the queue is full.</summary>
    public async Task<IDisposable?> TryEnterAsync(CancellationToken cancellationToken)
    {
        var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (lease.IsAcquired)
        {
            return lease;
        }
        lease.Dispose();
        return null;
    }

    public void Dispose() => _limiter.Dispose();
}
