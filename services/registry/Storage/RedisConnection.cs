using Identities.Contracts.Errors;
using Microsoft.Extensions.Options;
using OpenTelemetry.Instrumentation.StackExchangeRedis;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// The multiplexed connection to Redis (writes, reads) and a few more for searches, opened asynchronously when the host starts (a synchronous
/// connect on first use starves the thread pool under concurrent first calls). It reconnects by itself;
/// while Redis is down, calls fail fast with UNAVAILABLE instead of hanging or queueing. Every connection is traced
/// (one span per Redis command, without its arguments) where tracing is on.
/// </summary>
public sealed class RedisConnection(IOptions<RegistryOptions> options, StackExchangeRedisInstrumentation? tracing = null)
    : IHostedService, IAsyncDisposable
{
    private readonly RegistryOptions _options = options.Value;
    private ConnectionMultiplexer? _multiplexer;
    private ConnectionMultiplexer[] _searchers = [];
    private int _nextSearcher;

    public RedisKeys Keys { get; } = new(options.Value.KeyPrefix, options.Value.Shards);

    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>The write connection (a cluster-aware multiplexer on Redis Cluster: one connection per node).</summary>
    public ConnectionMultiplexer Multiplexer =>
        _multiplexer ?? throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.RedisUnavailable, "The Redis connection is not open yet.");

    /// <summary>
    /// A search connection, in turn: Redis runs a VSIM on a worker thread but answers one connection in order, so
    /// searches spread over several connections run in parallel.
    /// </summary>
    public IDatabase SearchDatabase
    {
        get
        {
            var searchers = _searchers;
            if (searchers.Length == 0)
            {
                return Database;
            }
            var turn = (uint)Interlocked.Increment(ref _nextSearcher);
            return searchers[turn % (uint)searchers.Length].GetDatabase();
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configuration = ConfigurationOptions.Parse(_options.Redis);
        configuration.AbortOnConnectFail = false;
        if (!string.IsNullOrEmpty(_options.RedisUser))
        {
            configuration.User = _options.RedisUser;
        }
        if (!string.IsNullOrEmpty(_options.RedisPassword))
        {
            configuration.Password = _options.RedisPassword;
        }
        // Nothing outside the key prefix: no tie-breaker key and no configuration channel (the ACL user allows neither).
        configuration.TieBreaker = "";
        configuration.ConfigurationChannel = "";
        // CONFIG is an administrator's command, outside the registry user's ACL: StackExchange.Redis need not try it.
        configuration.CommandMap = CommandMap.Create(new HashSet<string> { "CONFIG" }, available: false);
        // INFO (the readiness check) is an admin command to StackExchange.Redis.
        configuration.AllowAdmin = true;
        configuration.ConnectTimeout = Math.Min(_options.OperationTimeoutMilliseconds, 5_000);
        configuration.SyncTimeout = _options.OperationTimeoutMilliseconds;
        configuration.AsyncTimeout = _options.OperationTimeoutMilliseconds;
        // Commands are not queued while disconnected: a write either reaches Redis now or fails now.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration);
        tracing?.AddConnection("main", _multiplexer);
        var searchers = new ConnectionMultiplexer[_options.SearchConnections];
        for (var i = 0; i < searchers.Length; i++)
        {
            searchers[i] = await ConnectionMultiplexer.ConnectAsync(configuration);
            tracing?.AddConnection($"search{i}", searchers[i]);
        }
        _searchers = searchers;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var searcher in _searchers)
        {
            await searcher.DisposeAsync();
        }
        if (_multiplexer is not null)
        {
            await _multiplexer.DisposeAsync();
        }
    }
}
