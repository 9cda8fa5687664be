using System.Net.Http.Headers;
using System.Net.Http.Json;
using Identities.Detector.Grpc;
using Identities.Embedder.Grpc;
using Identities.Gateway.Auth;
using Identities.Gateway.Faces;
using Identities.Registry.Grpc;
using Identities.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Identities.Gateway.Tests;

/// <summary>
/// The whole stack on real sockets: Redis 8, registry, detector and embedder over gRPC (HTTP/2), and the
/// gateway over HTTPS with its self-signed certificate, as `curl -k` sees it.
/// </summary>
public class StackFixture : IAsyncLifetime
{
    public const string AdminPassword = "admin-secret-1";
    public const string DetectorUser = "kiosk";
    public const string DetectorPassword = "kiosk-secret-1";

    private readonly List<IAsyncDisposable> _hosts = [];

    public RedisServer Redis { get; private set; } = null!;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("identities-gateway-").FullName;

    public string RegistryAddress { get; private set; } = "";

    public string RegistryHttpAddress { get; private set; } = "";

    public string DetectorAddress { get; private set; } = "";

    public string EmbedderAddress { get; private set; } = "";

    /// <summary>Plain-HTTP (health, /metrics) address of each worker.</summary>
    public string DetectorHttpAddress { get; private set; } = "";

    public string EmbedderHttpAddress { get; private set; } = "";

    /// <summary>The gateway's management port (health, /metrics) of the gateway started first.</summary>
    public string GatewayManagementAddress { get; private set; } = "";

    public string KeyPrefix { get; } = "e2e" + Guid.NewGuid().ToString("N")[..8];

    public KestrelHost<FaceDetectorService> DetectorHost { get; private set; } = null!;

    public Uri GatewayAddress { get; private set; } = null!;

    /// <summary>The gateway's signing key, made before anything starts (as scripts/run.sh does): the workers check forwarded tokens with it.</summary>
    public string SigningKeyPath => Path.Combine(DataDirectory, "keys", "jwt-signing.key");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SigningKeyPath)!);
        await File.WriteAllBytesAsync(SigningKeyPath, TestTokens.KeyBytes);
        Redis = await RedisServer.StartAsync();
        var registry = StartRegistry(new Dictionary<string, string?>());
        RegistryAddress = registry.Address;
        RegistryHttpAddress = registry.Host.Address("http://127.0.0.2:");
        (DetectorHost, DetectorAddress) = StartWorker<FaceDetectorService>();
        DetectorHttpAddress = DetectorHost.Address("http://127.0.0.2:");
        var (embedder, embedderAddress) = StartWorker<FaceEmbedderService>();
        (EmbedderAddress, EmbedderHttpAddress) = (embedderAddress, embedder.Address("http://127.0.0.2:"));
        GatewayAddress = new Uri(StartGateway(RegistryAddress));
        GatewayManagementAddress = _hosts.OfType<KestrelHost<FaceRecognitionService>>().First().Address("http://");
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The gateway did not become ready.");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A registry over this stack's Redis and key prefix, with extra settings (e.g. an injected fault).</summary>
    public (KestrelHost<RegistryService> Host, string Address) StartRegistry(Dictionary<string, string?> extra)
    {
        var user = "registry-" + KeyPrefix;
        var password = Task.Run(() => Redis.CreateUserAsync(user, Registry.Storage.RedisAcl.Rules(KeyPrefix))).GetAwaiter().GetResult();
        var settings = new Dictionary<string, string?>(extra)
        {
            ["Registry:Redis"] = Redis.Endpoint,
            ["Registry:RedisUser"] = user,
            ["Registry:RedisPassword"] = password,
            ["Registry:KeyPrefix"] = KeyPrefix,
        };
        return StartWorker<RegistryService>(settings);
    }

    /// <summary>Another detector worker with extra settings (e.g. a lower Detector:MaxFacesPerImage); its gRPC address.</summary>
    public string StartDetector(Dictionary<string, string?> extra) => StartWorker<FaceDetectorService>(extra).Address;

    /// <summary>A gateway over this stack's workers, using the given registry.</summary>
    public string StartGateway(string registryAddress, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Management:Url"] = "http://127.0.0.1:0",
            ["Gateway:DetectorAddress"] = DetectorAddress,
            ["Gateway:EmbedderAddress"] = EmbedderAddress,
            ["Gateway:RegistryAddress"] = registryAddress,
            ["Gateway:RegistryHttpAddress"] = RegistryHttpAddress,
            ["Gateway:DataDirectory"] = DataDirectory,
            ["Gateway:MaxRequestBodyBytes"] = (6 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Gateway:InferenceTimeoutMilliseconds"] = "20000",
            ["IDENTITIES_ADMIN_PASSWORD"] = AdminPassword,
            ["Authentication:Users:0:Username"] = DetectorUser,
            ["Authentication:Users:0:PasswordHash"] = PasswordHasher.Hash(DetectorPassword),
            ["Authentication:Users:0:Permissions:0"] = "Face Detection",
            // Every test logs in from 127.0.0.1; the per-client login rate has its own tests (LoginAbuseTests).
            ["Limits:LoginBurst"] = "1000",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
        var gateway = new KestrelHost<FaceRecognitionService>(settings, ConfigureServices);
        _hosts.Add(gateway);
        return gateway.Start("https://");
    }

    public HttpClient CreateClient(Uri? address = null)
    {
        // The gateway's certificate is self-signed: accept it, as the contract's `curl -k` examples do.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        return new HttpClient(handler) { BaseAddress = address ?? GatewayAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<HttpClient> CreateClientAsync(string username, string password, params string[] permissions)
    {
        var client = CreateClient();
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username, password, permissions = permissions.Length == 0 ? null : permissions });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<LoginResponse>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> CreateAdminClientAsync() => CreateClientAsync("admin", AdminPassword);

    /// <summary>Every registry key of this stack, straight from Redis: what a failed call must not change.</summary>
    public async Task<IReadOnlyList<string>> RegistryKeysAsync()
    {
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var keys = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: Registry.Storage.RedisKeys.AllKeysOf(KeyPrefix)))
        {
            keys.Add(key.ToString());
        }
        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>Added to every service of the stack (a test's log or trace capture).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
        await Redis.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private (KestrelHost<T> Host, string Address) StartWorker<T>(Dictionary<string, string?>? extra = null)
        where T : class
    {
        var settings = new Dictionary<string, string?>(extra ?? [])
        {
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:0",
            // Health on another loopback address, so the gRPC endpoint is the one on 127.0.0.1.
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.2:0",
            ["Inference:ModelsDirectory"] = RepositoryPaths.Models,
            ["Authentication:SigningKeyPath"] = SigningKeyPath,
        };
        var host = new KestrelHost<T>(settings, ConfigureServices);
        _hosts.Add(host);
        return (host, host.Start("http://127.0.0.1:"));
    }
}
