using System.Collections.Concurrent;
using StackExchange.Redis;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// A redis-server for one measurement, started by the tests' own launcher (Identities.Testing's RedisServer: free port,
/// temporary folder, killed on dispose and at exit), with what the tables read of it: Redis's own CPU and memory
/// accounting (INFO) and the CPU of every server this run started, for the contamination check.
/// </summary>
internal sealed class BenchRedis : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, bool> Live = new();
    private static double _exitedCpuSeconds;

    private readonly RedisServer _server;
    private readonly ConnectionMultiplexer _admin;
    private readonly int _pid;

    private BenchRedis(RedisServer server, ConnectionMultiplexer admin, string description)
    {
        _server = server;
        _admin = admin;
        _pid = server.ProcessId;
        Description = description;
        Live[_pid] = true;
    }

    /// <summary>How it was started, for the report (persistence settings).</summary>
    public string Description { get; }

    /// <summary>The administrator's connection string (the registry takes it as Registry:Redis).</summary>
    public string ConnectionString => _server.ConnectionString;

    public string DataDirectory => _server.DataDirectory;

    /// <param name="durable">The registry's durable setup (AOF, appendfsync always, no automatic rewrite), else persistence off.</param>
    public static async Task<BenchRedis> StartAsync(bool durable)
    {
        var server = durable
            ? await RedisServer.StartAsync(appendOnly: true, ["--auto-aof-rewrite-percentage", "0"])
            : await RedisServer.StartAsync(appendOnly: false);
        var admin = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString + ",allowAdmin=true,syncTimeout=300000,asyncTimeout=300000");
        var description = durable ? "AOF on, appendfsync always, no RDB, automatic AOF rewrite off" : "persistence off (no AOF, no RDB)";
        Console.Error.WriteLine($"[bench] redis-server pid {server.ProcessId} on port {server.Port} ({description})");
        return new BenchRedis(server, admin, description);
    }

    /// <summary>A contamination probe that counts this process and every redis-server it started as measured.</summary>
    public static CpuProbe StartProbe() => new(() => CpuClock.OwnSeconds() + AllServersCpuSeconds());

    public Task<RedisCpu> CpuAsync() => RedisInfo.CpuAsync(_admin.GetDatabase());

    public Task<long> UsedMemoryAsync() => RedisInfo.UsedMemoryAsync(_admin.GetDatabase());

    public Task<string> VersionAsync() => RedisInfo.VersionAsync(_admin.GetDatabase());

    public async ValueTask DisposeAsync()
    {
        if (Live.TryRemove(_pid, out _))
        {
            InterlockedAdd(ref _exitedCpuSeconds, CpuClock.ProcessSeconds(_pid) ?? 0);
        }
        await _admin.DisposeAsync();
        await _server.DisposeAsync();
    }

    private static double AllServersCpuSeconds() =>
        Volatile.Read(ref _exitedCpuSeconds) + Live.Keys.Sum(pid => CpuClock.ProcessSeconds(pid) ?? 0);

    private static void InterlockedAdd(ref double target, double value)
    {
        double initial;
        do
        {
            initial = Volatile.Read(ref target);
        }
        while (Interlocked.CompareExchange(ref target, initial + value, initial) != initial);
    }
}
