using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// The one multiplexed connection to Redis. It connects in the background and reconnects by itself;
/// while Redis is down, calls fail fast with UNAVAILABLE instead of hanging.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer;

    public RedisConnection(IOptions<RegistryOptions> options)
    {
        var settings = options.Value;
        Keys = new RedisKeys(settings.KeyPrefix);
        _multiplexer = new Lazy<ConnectionMultiplexer>(() =>
        {
            var configuration = ConfigurationOptions.Parse(settings.Redis);
            configuration.AbortOnConnectFail = false;
            configuration.ConnectTimeout = Math.Min(settings.OperationTimeoutMilliseconds, 5_000);
            configuration.SyncTimeout = settings.OperationTimeoutMilliseconds;
            configuration.AsyncTimeout = settings.OperationTimeoutMilliseconds;
            // Commands are not queued while disconnected: a write either reaches Redis now or fails now.
            configuration.BacklogPolicy = BacklogPolicy.FailFast;
            return ConnectionMultiplexer.Connect(configuration);
        });
    }

    public RedisKeys Keys { get; }

    public IDatabase Database => _multiplexer.Value.GetDatabase();

    public bool IsConnected => _multiplexer.Value.IsConnected;

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}
