using System.Diagnostics;
using System.Threading.Channels;
using Google.Protobuf;
using Identities.Embedder.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identities.Embedder.Batching;

/// <summary>
/// Coalesces faces from concurrent callers into shared model runs: a batch closes when it is full or
/// when its first face has waited MaxBatchWait. Callers validate their crops before they enqueue, so one
/// caller's bad input never fails another's batch. The queue is bounded in faces (MaxQueuedFaces): a request is
/// admitted whole or refused whole (QueueFullException), so a burst cannot pile up crops without limit.
/// </summary>
public sealed class EmbeddingBatcher(
    FaceEmbeddingModel model, IOptions<EmbedderOptions> options, EmbedderMetrics metrics) : BackgroundService
{
    private readonly Channel<PendingFace> _queue = Channel.CreateUnbounded<PendingFace>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly EmbedderOptions _options = options.Value;

    /// <summary>Faces written to the queue and not yet taken by a batch.</summary>
    private int _queued;

    /// <exception cref="QueueFullException">The queue has no room for all of these faces now.</exception>
    public async Task<float[][]> EmbedAsync(IReadOnlyList<ByteString> crops, CancellationToken cancellationToken)
    {
        var queued = Interlocked.Add(ref _queued, crops.Count);
        if (queued > _options.MaxQueuedFaces)
        {
            Interlocked.Add(ref _queued, -crops.Count);
            throw new QueueFullException(queued - crops.Count, _options.MaxQueuedFaces);
        }
        var pending = new PendingFace[crops.Count];
        for (var i = 0; i < crops.Count; i++)
        {
            pending[i] = new PendingFace(crops[i], new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken, Stopwatch.GetTimestamp());
            await _queue.Writer.WriteAsync(pending[i], cancellationToken);
        }

        var vectors = new float[crops.Count][];
        for (var i = 0; i < pending.Length; i++)
        {
            vectors[i] = await pending[i].Result.Task.WaitAsync(cancellationToken);
        }
        return vectors;
    }

    /// <summary>Faces waiting for a model run (the channel counts them).</summary>
    public int QueueDepth => _queue.Reader.Count;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveQueue(() => QueueDepth, _options.MaxBatchSize);
        var loops = Enumerable.Range(0, _options.ConcurrentBatches)
            .Select(_ => Task.Run(() => RunBatchesAsync(stoppingToken), stoppingToken));
        return Task.WhenAll(loops);
    }

    private async Task RunBatchesAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingFace>(_options.MaxBatchSize);
        float[]? input = null;
        while (await _queue.Reader.WaitToReadAsync(stoppingToken))
        {
            await CollectBatchAsync(batch, stoppingToken);
            if (batch.Count == 0)
            {
                continue;
            }
            input = RunBatch(batch, input);
            batch.Clear();
        }
    }

    private async Task CollectBatchAsync(List<PendingFace> batch, CancellationToken stoppingToken)
    {
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var waitStarted = false;
        while (batch.Count < _options.MaxBatchSize)
        {
            if (_queue.Reader.TryRead(out var face))
            {
                Interlocked.Decrement(ref _queued);
                // A caller that gave up (deadline, disconnect) costs no model time.
                if (!face.Cancellation.IsCancellationRequested)
                {
                    batch.Add(face);
                }
                else
                {
                    face.Result.TrySetCanceled(face.Cancellation);
                }
                continue;
            }
            if (batch.Count == 0 || _options.MaxBatchWaitMilliseconds <= 0)
            {
                return;
            }
            if (!waitStarted)
            {
                window.CancelAfter(TimeSpan.FromMilliseconds(_options.MaxBatchWaitMilliseconds));
                waitStarted = true;
            }
            try
            {
                if (!await _queue.Reader.WaitToReadAsync(window.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Runs one batch; returns the input buffer for reuse by the next batch of this loop.</summary>
    private float[]? RunBatch(List<PendingFace> batch, float[]? input)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var face in batch)
        {
            metrics.RecordQueueWait(Stopwatch.GetElapsedTime(face.Queued, started));
        }
        try
        {
            var session = model.Session;
            input ??= new float[_options.MaxBatchSize * session.InputLength];
            for (var i = 0; i < batch.Count; i++)
            {
                EmbeddingPreprocessor.Fill(batch[i].Rgb.Span, session.InputWidth, session.InputHeight,
                    input.AsSpan(i * session.InputLength, session.InputLength));
            }
            var vectors = session.Run(input, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.TrySetResult(vectors[i]);
            }
        }
        catch (Exception ex)
        {
            foreach (var face in batch)
            {
                face.Result.TrySetException(ex);
            }
        }
        metrics.RecordBatch(batch.Count, Stopwatch.GetElapsedTime(started));
        return input;
    }
}
