using Grpc.Net.Client;
using Identities.Registry.Grpc;
using Identities.Testing;
using StackExchange.Redis;

namespace Identities.Registry.Tests;

/// <summary>
/// A registry worker on the real gRPC stack against its own real Redis 8, with its own key prefix so
/// that every test sees only its own data.
/// </summary>
public sealed class RegistryHost : IAsyncDisposable
{
    private readonly WorkerFactory<RegistryService> _factory;
    private ConnectionMultiplexer? _inspector;

    private RegistryHost(RedisServer redis, string prefix, IReadOnlyDictionary<string, string?> settings)
    {
        Redis = redis;
        Prefix = prefix;
        var all = new Dictionary<string, string?>(settings)
        {
            ["Registry:Redis"] = redis.ConnectionString + ",connectRetry=1",
            ["Registry:KeyPrefix"] = prefix,
            ["Registry:OperationTimeoutMilliseconds"] = "2000",
        };
        _factory = new WorkerFactory<RegistryService>(all);
        Channel = _factory.CreateChannel();
        Client = new V1.Registry.RegistryClient(Channel);
    }

    public RedisServer Redis { get; }

    public string Prefix { get; }

    public GrpcChannel Channel { get; }

    public V1.Registry.RegistryClient Client { get; }

    /// <param name="prefix">Share another host's data; by default a fresh prefix of its own.</param>
    public static RegistryHost Start(RedisServer redis, IReadOnlyDictionary<string, string?>? settings = null, string? prefix = null) =>
        new(redis, prefix ?? "t" + Guid.NewGuid().ToString("N")[..12], settings ?? new Dictionary<string, string?>());

    public HttpClient CreateHttpClient() => _factory.CreateClient();

    /// <summary>Every key under this host's prefix, read straight from Redis.</summary>
    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        _inspector ??= await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var server = _inspector.GetServer(_inspector.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: Prefix + ":*"))
        {
            keys.Add(key.ToString());
        }
        return keys;
    }

    public async Task<IDatabase> DatabaseAsync()
    {
        _inspector ??= await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        return _inspector.GetDatabase();
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _factory.DisposeAsync();
        if (_inspector is not null)
        {
            await _inspector.DisposeAsync();
        }
    }
}
