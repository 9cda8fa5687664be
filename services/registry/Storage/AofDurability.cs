using Identities.Contracts.Errors;
using System.Net;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Confirms that a write is in the append-only file of the master that ran it and, where that master has replicas, of
/// at least <see cref="RegistryOptions.AofReplicas"/> of them (WAITAOF numlocal numreplicas timeout). WAITAOF waits for
/// everything its connection sent before it, so it goes over the same connection as the write. Which master ran a write
/// is not always the slot's owner as the client knew it (an ASK redirection during a slot migration sends it to the
/// importing node), so every master whose connection carried commands since the write began is asked, in parallel (one,
/// on a single server or a quiet cluster). A connection re-established in between (a new connection has written
/// nothing, so its WAITAOF would confirm nothing) makes the write unconfirmed. Usage: <see cref="Before"/>, write,
/// <see cref="ConfirmAsync"/>.
/// </summary>
public sealed class AofDurability(RedisConnection redis, IOptions<RegistryOptions> options, RegistryMetrics? metrics = null)
{
    private readonly RegistryOptions _options = options.Value;

    /// <summary>The masters' connections as a write of <paramref name="key"/> begins.</summary>
    public WriteTicket Before(RedisKey key)
    {
        if (!_options.WaitForAof)
        {
            return default;
        }
        try
        {
            var owner = redis.Multiplexer.GetServer(key);
            var connections = new Dictionary<EndPoint, (long Sockets, long Operations)>();
            foreach (var server in redis.Multiplexer.GetServers().Where(s => !s.IsReplica && s.IsConnected).Append(owner))
            {
                var counters = server.GetCounters().Interactive;
                connections[server.EndPoint] = (counters.SocketCount, counters.OperationCount);
            }
            return new WriteTicket(key, connections);
        }
        catch (InvalidOperationException)
        {
            // No connection to the slot's master right now (down, or a failover in progress).
            throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.RedisUnavailable, "No connection to the Redis master of this data; retry later.");
        }
    }

    /// <summary>True once WAITAOF confirms the write; false when it cannot (timeout, no AOF, connection lost).</summary>
    public async Task<bool> ConfirmAsync(WriteTicket ticket)
    {
        if (!_options.WaitForAof)
        {
            return true;
        }
        try
        {
            var owner = redis.Multiplexer.GetServer(ticket.Key);
            var servers = redis.Multiplexer.GetServers().Where(s => !s.IsReplica && (s.IsConnected || ticket.Connections.ContainsKey(s.EndPoint)))
                .Where(s => Equals(s.EndPoint, owner.EndPoint) || !ticket.Connections.TryGetValue(s.EndPoint, out var before)
                    || s.GetCounters().Interactive.OperationCount != before.Operations)
                .Append(owner)
                .DistinctBy(s => s.EndPoint)
                .ToList();
            if (servers.Any(s => !SameConnection(s, ticket)))
            {
                return false;
            }
            var confirmations = await Task.WhenAll(servers.Select(s => WaitAofAsync(s, ticket.Key)));
            return confirmations.All(c => c) && servers.All(s => SameConnection(s, ticket));
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

    private static bool SameConnection(IServer server, WriteTicket ticket) =>
        ticket.Connections.TryGetValue(server.EndPoint, out var before) && server.GetCounters().Interactive.SocketCount == before.Sockets;

    private async Task<bool> WaitAofAsync(IServer server, RedisKey key)
    {
        var replicas = Math.Min(_options.AofReplicas, ConnectedReplicas(server, key));
        // WAIT first, pipelined on the same connection: a replica answers the master's GETACK before it fsyncs what it
        // read with it, so a lone WAITAOF waits for the replica's next unrequested ACK (once a second) and a
        // multiplexed connection stalls behind it (measured: 1 s per WAITAOF 1 1, 8 enrollments/s on a 3+3 cluster).
        // WAIT returns once the replica has the write; WAITAOF then asks again, after the replica's fsync.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var received = replicas > 0
            ? server.ExecuteAsync("WAIT", [replicas, _options.AofTimeoutMilliseconds], CommandFlags.DemandMaster)
            : Task.FromResult(RedisResult.Create(0));
        var fsynced = server.ExecuteAsync("WAITAOF", [_options.AofLocal, replicas, _options.AofTimeoutMilliseconds], CommandFlags.DemandMaster);
        await received;
        var result = (RedisResult[])(await fsynced)!;
        metrics?.Stages.Record("waitaof", started);
        metrics?.RecordRoundTrips("waitaof", replicas > 0 ? 2 : 1);
        return (long)result[0] >= _options.AofLocal && (long)result[1] >= replicas;
    }

    /// <summary>Replicas of the server (a master) that the cluster sees connected and not failing (0 on a single server).</summary>
    private static int ConnectedReplicas(IServer server, RedisKey key)
    {
        if (server.ServerType != ServerType.Cluster || server.ClusterConfiguration is not { } cluster)
        {
            return 0;
        }
        var self = cluster.Nodes.FirstOrDefault(n => Equals(n.EndPoint, server.EndPoint)) ?? cluster.GetBySlot(server.Multiplexer.HashSlot(key));
        return self?.Children.Count(c => c.IsConnected && !c.IsFail && !c.IsPossiblyFail) ?? 0;
    }
}

/// <summary>The masters' connections (socket and operation counts) as a write began (see <see cref="AofDurability"/>).</summary>
public readonly record struct WriteTicket(RedisKey Key, IReadOnlyDictionary<EndPoint, (long Sockets, long Operations)> Connections);
