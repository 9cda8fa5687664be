using Microsoft.Extensions.Options;

namespace Identities.Detector.Pipeline;

/// <summary>
/// Bounds how many images are processed at once: detection is CPU-bound, and more concurrent images
/// than cores only adds latency and memory. Waiting callers honour their deadline.
/// </summary>
public sealed class DetectionThrottle(IOptions<DetectorOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(
        options.Value.MaxConcurrency > 0 ? options.Value.MaxConcurrency : Environment.ProcessorCount);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
