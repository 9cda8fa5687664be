using Grpc.Net.Client;
using Identities.Registry.Grpc;
using Identities.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Identities.Registry.Tests;

/// <summary>
/// A registry worker on the real gRPC stack against a real Redis 8 (one server or a cluster), with its own key prefix
/// so that every test sees only its own data, connected as an ACL user limited to that prefix (RedisAcl).
/// </summary>
public sealed class RegistryHost : IAsyncDisposable
{
    private readonly WorkerFactory<RegistryService> _factory;
    private ConnectionMultiplexer? _inspector;

    private RegistryHost(IRedisDeployment redis, string prefix, IReadOnlyDictionary<string, string?> settings)
    {
        Redis = redis;
        Prefix = prefix;
        // As in production: an ACL user limited to this host's key prefix and the registry's commands, on the single
        // server and on every node of the cluster. The test-only dropped-connection fault kills the registry's own
        // connection: only its user may do that.
        var rules = RedisAcl.Rules(prefix) + (settings.ContainsKey("Registry:FaultDropConnectionAfterEnrollment") ? " +client|kill" : "");
        var user = "registry-" + prefix;
        var password = Task.Run(() => redis.CreateUserAsync(user, rules)).GetAwaiter().GetResult();
        var address = redis is RedisServer server ? server.Endpoint : redis.ConnectionString;
        var all = new Dictionary<string, string?>
        {
            ["Registry:Redis"] = address + ",connectRetry=1",
            ["Registry:RedisUser"] = user,
            ["Registry:RedisPassword"] = password,
            ["Registry:KeyPrefix"] = prefix,
            ["Registry:OperationTimeoutMilliseconds"] = "2000",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }
        _factory = new WorkerFactory<RegistryService>(all);
        Channel = _factory.CreateChannel();
        Client = new V1.Registry.RegistryClient(Channel);
        var shards = all.GetValueOrDefault("Registry:Shards") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : new RegistryOptions().Shards;
        Keys = new RedisKeys(prefix, shards);
    }

    public IRedisDeployment Redis { get; }

    public string Prefix { get; }

    /// <summary>The registry's own key names for this host's prefix and shard count.</summary>
    public RedisKeys Keys { get; }

    public GrpcChannel Channel { get; }

    public V1.Registry.RegistryClient Client { get; }

    /// <param name="prefix">Share another host's data; by default a fresh prefix of its own.</param>
    public static RegistryHost Start(IRedisDeployment redis, IReadOnlyDictionary<string, string?>? settings = null, string? prefix = null) =>
        new(redis, prefix ?? "t" + Guid.NewGuid().ToString("N")[..12], settings ?? new Dictionary<string, string?>());

    /// <summary>The JSON (transcoded) API with a token of every permission, as the gateway forwards an administrator's.</summary>
    public HttpClient CreateHttpClient() => CreateHttpClient(TestTokens.Admin());

    /// <param name="bearerToken">The token every request carries; null sends none.</param>
    public HttpClient CreateHttpClient(string? bearerToken)
    {
        var client = _factory.CreateClient();
        if (bearerToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        }
        return client;
    }

    /// <summary>A channel whose calls carry <paramref name="bearerToken"/> (null: none).</summary>
    public GrpcChannel CreateChannel(string? bearerToken) => _factory.CreateChannel(bearerToken);

    /// <summary>The worker's services (its meters, its layout check).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Every key under this host's prefix, read straight from Redis (every master of a cluster).</summary>
    public async Task<IReadOnlyList<string>> KeysAsync()
    {
        var inspector = await InspectorAsync();
        var keys = new List<string>();
        foreach (var server in inspector.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: Keys.AllKeys))
            {
                keys.Add(key.ToString());
            }
        }
        return keys;
    }

    /// <summary>Every key under this host's prefix except the layout and model records (deployment metadata, written once).</summary>
    public async Task<IReadOnlyList<string>> DataKeysAsync() => [.. (await KeysAsync()).Where(k => k != Keys.Meta && k != Keys.Models)];

    /// <summary>How many vectors of the model the registry holds, over every shard.</summary>
    public async Task<long> VectorCountAsync(string model)
    {
        var database = await DatabaseAsync();
        long count = 0;
        for (var shard = 0; shard < Keys.Shards; shard++)
        {
            RedisKey key = Keys.Vectors(model, shard);
            count += await database.KeyExistsAsync(key) ? (long)await database.ExecuteAsync("VCARD", key) : 0;
        }
        return count;
    }

    public async Task<IDatabase> DatabaseAsync() => (await InspectorAsync()).GetDatabase();

    /// <summary>Waits until /health/ready answers OK (the layout is checked at start-up, asynchronously).</summary>
    public async Task<HttpResponseMessage> ReadinessAsync(bool waitForReady = true)
    {
        using var http = CreateHttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.IsSuccessStatusCode || !waitForReady || DateTime.UtcNow > deadline)
            {
                return response;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The readiness checks' descriptions, to explain a failed readiness assertion.</summary>
    public async Task<string> ReadinessReportAsync()
    {
        var report = await _factory.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync();
        return string.Join("; ", report.Entries.Select(e => $"{e.Key}: {e.Value.Status} {e.Value.Description} {e.Value.Exception?.Message}"));
    }

    /// <summary>What the registry found when it checked the data's layout at start-up (null: the configured one).</summary>
    public async Task<string?> LayoutProblemAsync()
    {
        var layout = _factory.Services.GetRequiredService<DataLayout>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (layout.Problem == DataLayout.NotChecked && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        return layout.Problem;
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

    private async Task<ConnectionMultiplexer> InspectorAsync() =>
        _inspector ??= await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
}
