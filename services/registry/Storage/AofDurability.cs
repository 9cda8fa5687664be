using Identities.Contracts.Errors;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Confirms that a write is in the append-only file of the master that owns its key's slot and, where that master has
/// replicas, of at least <see cref="RegistryOptions.AofReplicas"/> of them (WAITAOF numlocal numreplicas timeout).
/// WAITAOF waits for everything its connection sent before it, so it is sent to that master over the same connection
/// as the write; if the connection was re-established in between (a new connection has written nothing, so its WAITAOF
/// would confirm nothing) or the slot moved, the write counts as unconfirmed. Usage: <see cref="Before"/>, write,
/// <see cref="ConfirmAsync"/>.
/// </summary>
public sealed class AofDurability(RedisConnection redis, IOptions<RegistryOptions> options)
{
    private readonly RegistryOptions _options = options.Value;

    /// <summary>Which connection a write of <paramref name="key"/> is about to go over.</summary>
    public WriteTicket Before(RedisKey key)
    {
        if (!_options.WaitForAof)
        {
            return default;
        }
        try
        {
            var server = redis.Multiplexer.GetServer(key);
            return new WriteTicket(key, server.EndPoint, server.GetCounters().Interactive.SocketCount);
        }
        catch (InvalidOperationException)
        {
            // No connection to the slot's master right now (down, or a failover in progress).
            throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.RedisUnavailable, "No connection to the Redis master of this data; retry later.");
        }
    }

    /// <summary>True once WAITAOF confirms the write; false when it cannot (timeout, no AOF, connection lost or moved).</summary>
    public async Task<bool> ConfirmAsync(WriteTicket ticket)
    {
        if (!_options.WaitForAof)
        {
            return true;
        }
        try
        {
            var server = redis.Multiplexer.GetServer(ticket.Key);
            if (!Equals(server.EndPoint, ticket.EndPoint) || server.GetCounters().Interactive.SocketCount != ticket.Sockets)
            {
                return false;
            }
            var replicas = Math.Min(_options.AofReplicas, ConnectedReplicas(server, ticket.Key));
            var result = (RedisResult[])(await server.ExecuteAsync("WAITAOF", [_options.AofLocal, replicas, _options.AofTimeoutMilliseconds], CommandFlags.DemandMaster))!;
            return (long)result[0] >= _options.AofLocal && (long)result[1] >= replicas
                && server.GetCounters().Interactive.SocketCount == ticket.Sockets;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException or RegistryException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary><see cref="ConfirmAsync"/> for writes that are not undone: unconfirmed is UNAVAILABLE (not_durable).</summary>
    public async Task EnsureAsync(WriteTicket ticket)
    {
        if (!await ConfirmAsync(ticket))
        {
            throw NotDurable();
        }
    }

    public RegistryException NotDurable() => new(RegistryErrorKind.Unavailable, RegistryErrorReasons.NotDurable,
        $"Redis did not confirm the write in its append-only file within {_options.AofTimeoutMilliseconds} ms.");

    /// <summary>Replicas of the slot's master that the cluster sees connected and not failing (0 on a single server).</summary>
    private static int ConnectedReplicas(IServer server, RedisKey key)
    {
        if (server.ServerType != ServerType.Cluster || server.ClusterConfiguration is not { } cluster)
        {
            return 0;
        }
        var slot = server.Multiplexer.HashSlot(key);
        var master = cluster.GetBySlot(slot);
        return master?.Children.Count(c => c.IsConnected && !c.IsFail && !c.IsPossiblyFail) ?? 0;
    }
}

/// <summary>The master and connection a write went over (see <see cref="AofDurability"/>).</summary>
public readonly record struct WriteTicket(RedisKey Key, System.Net.EndPoint? EndPoint, long Sockets);
