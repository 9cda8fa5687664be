using System.Threading.Channels;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// After erasures, has Redis rewrite its append-only file (BGREWRITEAOF on every server), so that a deleted
/// person's name, vectors and references leave the disk too: until a rewrite, the AOF still holds the commands that
/// wrote them (and the deletions name them). Rate-limited: at most one rewrite per Registry:ErasureRewriteIntervalSeconds;
/// erasures in between share the next one. A rewrite already running may have started before the erasure, so the
/// request is kept and retried until a rewrite starts after it.
/// </summary>
public sealed class ErasureCompaction(
    RedisConnection redis, IOptions<RegistryOptions> options, TimeProvider time, ILogger<ErasureCompaction> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _pending;

    /// <summary>Rewrites started (for tests and logs).</summary>
    public int Rewrites { get; private set; }

    /// <summary>Called after a successful erasure: a rewrite will start after it, within the rate limit.</summary>
    public void RequestAfterErasure()
    {
        if (options.Value.ErasureRewriteIntervalSeconds == 0)
        {
            return;
        }
        Interlocked.Exchange(ref _pending, 1);
        _requests.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.ErasureRewriteIntervalSeconds);
        DateTimeOffset? last = null;
        try
        {
            while (await _requests.Reader.WaitToReadAsync(stoppingToken))
            {
                _requests.Reader.TryRead(out _);
                while (Volatile.Read(ref _pending) == 1)
                {
                    if (last is { } previous && time.GetUtcNow() - previous < interval)
                    {
                        await Task.Delay(previous + interval - time.GetUtcNow(), time, stoppingToken);
                    }
                    Interlocked.Exchange(ref _pending, 0);
                    if (await TryRewriteAsync())
                    {
                        last = time.GetUtcNow();
                    }
                    else
                    {
                        Interlocked.Exchange(ref _pending, 1);
                        await Task.Delay(RetryDelay, time, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; an erasure not yet compacted is compacted by the next rewrite (any registry's or Redis's own).
        }
    }

    /// <summary>Starts a rewrite on every server (a replica's AOF holds the data too); false to try again later.</summary>
    private async Task<bool> TryRewriteAsync()
    {
        try
        {
            foreach (var server in redis.Database.Multiplexer.GetServers().Where(s => s.IsConnected))
            {
                await server.ExecuteAsync("BGREWRITEAOF");
            }
            Rewrites++;
            logger.LogInformation("AOF rewrite started after erasures, so deleted data leaves Redis's files.");
            return true;
        }
        catch (RedisServerException ex) when (ex.Message.Contains("already in progress", StringComparison.OrdinalIgnoreCase))
        {
            // It may have forked before the erasure: start another once it is done.
            return false;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            logger.LogWarning("AOF rewrite after erasures not started ({Reason}); retrying.", ex.Message);
            return false;
        }
    }
}
