using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Identities.Registry.Storage;
using Identities.Testing;
using OpenCvSharp;
using Xunit.Abstractions;

namespace Identities.Gateway.Tests;

/// <summary>
/// The stack under 3x its capacity of maximum-size requests (15 MB bodies), each service in its own process as in
/// production: every answer is 200 or 503 (never a 500 or a dropped connection), each process's peak memory stays
/// under its Kubernetes memory limit, and the stack serves normally right after. Loopback only, bounded in count and
/// time. In the default suite it runs IDENTITIES_LOAD_SECONDS (default 15) seconds; the published figures come from
/// the full minute: IDENTITIES_LOAD_SECONDS=60 dotnet test tests/Identities.Gateway.Tests --filter OverloadTests
/// --logger "console;verbosity=detailed" (docs/PERFORMANCE.md).
/// </summary>
public sealed class OverloadTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;

    /// <summary>The memory limits of deploy/k8s/base: a process above its limit would be OOM-killed there.</summary>
    private static readonly Dictionary<string, long> MemoryBounds = new()
    {
        ["gateway"] = 1024 * MiB,
        ["detector"] = 2048 * MiB,
        ["embedder"] = 2048 * MiB,
        ["registry"] = 512 * MiB,
        ["redis"] = 512 * MiB,
    };

    [Fact]
    public async Task FaceDetect_ThreeTimesCapacityOfMaximumSizeBodies_AnswersOnly200Or503_WithinMemoryBounds_AndServesAfter()
    {
        var seconds = Setting("IDENTITIES_LOAD_SECONDS", 15);
        var factor = Setting("IDENTITIES_LOAD_FACTOR", 3);
        await using var stack = await ProcessStack.StartAsync();
        using var client = await stack.SignInAsync();
        var body = MaximumSizeBody(15_728_640);
        output.WriteLine($"body {body.Length / (double)MiB:F1} MiB (limit 15 MiB); {Environment.ProcessorCount} cores shared with other work");

        // Capacity: completed maximum-size requests per second with 8 clients in a loop (enough to keep every stage busy;
        // the gateway's own limit) for 10 s, after one warm-up.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, body)).Status);
        var probe = Stopwatch.StartNew();
        var completed = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            while (probe.Elapsed < TimeSpan.FromSeconds(10))
            {
                if ((await PostAsync(client, body)).Status == HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref completed);
                }
            }
        }));
        var capacity = completed / probe.Elapsed.TotalSeconds;
        Assert.True(capacity > 0, "the stack completed no request while idle");

        // Open loop at factor x capacity for the duration: arrivals do not wait for answers.
        var rate = capacity * factor;
        var load = Stopwatch.StartNew();
        var calls = new List<Task<(HttpStatusCode? Status, double Seconds, string? Error)>>();
        while (load.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            calls.Add(PostAsync(client, body));
            var next = TimeSpan.FromSeconds(calls.Count / rate);
            if (next > load.Elapsed)
            {
                await Task.Delay(next - load.Elapsed);
            }
        }
        var outcomes = await Task.WhenAll(calls);
        var elapsed = load.Elapsed;

        var after = await PostAsync(client, SmallBody());
        var peaks = stack.PeakMemory();
        var byStatus = outcomes.GroupBy(o => o.Status?.ToString() ?? "error: " + o.Error).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"capacity {capacity:F2} req/s; offered {rate:F2} req/s ({factor}x) for {seconds} s: {outcomes.Length} requests in {elapsed.TotalSeconds:F1} s");
        output.WriteLine("answers: " + string.Join(", ", byStatus.Select(p => $"{p.Key} {p.Value}")));
        Report("200", outcomes.Where(o => o.Status == HttpStatusCode.OK).Select(o => o.Seconds).ToList());
        Report("503", outcomes.Where(o => o.Status == HttpStatusCode.ServiceUnavailable).Select(o => o.Seconds).ToList());
        foreach (var (name, peak) in peaks)
        {
            output.WriteLine($"peak memory {name}: {peak / (double)MiB:F0} MiB (bound {MemoryBounds[name] / MiB} MiB)");
        }

        Assert.All(outcomes, o => Assert.True(o.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"answered {o.Status?.ToString() ?? o.Error}"));
        Assert.All(peaks, p => Assert.True(p.Value < MemoryBounds[p.Key], $"{p.Key} peaked at {p.Value / MiB} MiB, over its {MemoryBounds[p.Key] / MiB} MiB bound"));
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }

    private void Report(string label, List<double> seconds)
    {
        if (seconds.Count == 0)
        {
            return;
        }
        seconds.Sort();
        output.WriteLine($"{label}: n {seconds.Count}, median {Percentiles.OfSorted(seconds, 50):F2} s, p95 {Percentiles.OfSorted(seconds, 95):F2} s, max {seconds[^1]:F2} s");
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    private static async Task<(HttpStatusCode? Status, double Seconds, string? Error)> PostAsync(HttpClient client, byte[] body)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync(new Uri("/api/v1/faces/faceDetect", UriKind.Relative), content);
            var status = response.StatusCode;
            if (status == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is null)
            {
                return (null, Stopwatch.GetElapsedTime(started).TotalSeconds, "503 without Retry-After");
            }
            return (status, Stopwatch.GetElapsedTime(started).TotalSeconds, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return (null, Stopwatch.GetElapsedTime(started).TotalSeconds, ex.GetType().Name + ": " + ex.Message);
        }
    }

    /// <summary>A faceDetect body just under the limit: a PNG of noise (no face, slow to decode and search), base64.</summary>
    private static byte[] MaximumSizeBody(int limit)
    {
        var side = 2000;
        while (true)
        {
            using var image = new Mat(side, side, MatType.CV_8UC3);
            Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
            Cv2.ImEncode(".png", image, out var png);
            var body = Encoding.ASCII.GetBytes($"{{\"image\":\"{Convert.ToBase64String(png)}\"}}");
            if (body.Length <= limit)
            {
                return body;
            }
            side -= 40;
        }
    }

    private static byte[] SmallBody()
    {
        using var image = new Mat(240, 320, MatType.CV_8UC3, Scalar.All(128));
        Cv2.ImEncode(".png", image, out var png);
        return Encoding.ASCII.GetBytes($"{{\"image\":\"{Convert.ToBase64String(png)}\"}}");
    }

    /// <summary>Redis and the four services, each in its own process, on free loopback ports.</summary>
    private sealed class ProcessStack : IAsyncDisposable
    {
        private const string AdminPassword = "load-test-admin-1";
        private readonly List<ServiceProcess> _services = [];
        private RedisServer _redis = null!;
        private string _dataDirectory = "";

        public Uri Gateway { get; private set; } = null!;

        public static async Task<ProcessStack> StartAsync()
        {
            var stack = new ProcessStack();
            try
            {
                await stack.StartServicesAsync();
                return stack;
            }
            catch
            {
                await stack.DisposeAsync();
                throw;
            }
        }

        public async Task<HttpClient> SignInAsync()
        {
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = Gateway, Timeout = TimeSpan.FromMinutes(2) };
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = AdminPassword });
            login.EnsureSuccessStatusCode();
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public Dictionary<string, long> PeakMemory()
        {
            var peaks = _services.ToDictionary(s => s.Name, s => s.PeakMemoryBytes);
            peaks["redis"] = ServiceProcess.PeakMemoryOf(_redis.ProcessId);
            return peaks;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in Enumerable.Reverse(_services))
            {
                await service.DisposeAsync();
            }
            if (_redis is not null)
            {
                await _redis.DisposeAsync();
            }
            if (_dataDirectory.Length > 0)
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
        }

        /// <summary>
        /// The GC heap limit .NET sets itself in a container with that memory limit (75 %), so the garbage collector
        /// works as it would under Kubernetes instead of growing into a host's free memory.
        /// </summary>
        private static string HeapLimit(string name) => "0x" + (MemoryBounds[name] * 3 / 4).ToString("X", CultureInfo.InvariantCulture);

        private async Task StartServicesAsync()
        {
            _dataDirectory = Directory.CreateTempSubdirectory("identities-load-").FullName;
            var key = Path.Combine(_dataDirectory, "keys", "jwt-signing.key");
            Directory.CreateDirectory(Path.GetDirectoryName(key)!);
            await File.WriteAllBytesAsync(key, TestTokens.KeyBytes);
            _redis = await RedisServer.StartAsync();
            var redisPassword = await _redis.CreateUserAsync(RedisAcl.RegistryUser, RedisAcl.Rules(new Registry.RegistryOptions().KeyPrefix));

            var addresses = new Dictionary<string, (int Grpc, int Http)>();
            foreach (var (name, assembly) in new[] { ("registry", "Identities.Registry"), ("detector", "Identities.Detector"), ("embedder", "Identities.Embedder") })
            {
                var ports = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
                addresses[name] = ports;
                var environment = new Dictionary<string, string>
                {
                    ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{ports.Item1}",
                    ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{ports.Item2}",
                    ["Authentication__SigningKeyPath"] = key,
                    ["Inference__ModelsDirectory"] = RepositoryPaths.Models,
                    ["Registry__Redis"] = _redis.Endpoint,
                    ["Registry__RedisUser"] = RedisAcl.RegistryUser,
                    ["Registry__RedisPassword"] = redisPassword,
                };
                environment["DOTNET_GCHeapHardLimit"] = HeapLimit(name);
                _services.Add(ServiceProcess.Start(name, assembly, environment));
            }
            foreach (var service in _services)
            {
                await service.WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{addresses[service.Name].Http}/health/ready"), TimeSpan.FromMinutes(3));
            }

            var gatewayPort = ServiceProcess.FreePort();
            var gateway = ServiceProcess.Start("gateway", "Identities.Gateway", new Dictionary<string, string>
            {
                // Plain HTTP, as behind the Ingress: the load is about memory and queues, not TLS.
                ["Kestrel__Endpoints__Https__Url"] = $"http://127.0.0.1:{gatewayPort}",
                ["Kestrel__Endpoints__Management__Url"] = $"http://127.0.0.1:{ServiceProcess.FreePort()}",
                ["Gateway__DetectorAddress"] = $"http://127.0.0.1:{addresses["detector"].Grpc}",
                ["Gateway__EmbedderAddress"] = $"http://127.0.0.1:{addresses["embedder"].Grpc}",
                ["Gateway__RegistryAddress"] = $"http://127.0.0.1:{addresses["registry"].Grpc}",
                ["Gateway__RegistryHttpAddress"] = $"http://127.0.0.1:{addresses["registry"].Http}",
                ["Gateway__DataDirectory"] = _dataDirectory,
                ["IDENTITIES_ADMIN_PASSWORD"] = AdminPassword,
                ["DOTNET_GCHeapHardLimit"] = HeapLimit("gateway"),
            });
            _services.Add(gateway);
            Gateway = new Uri($"http://127.0.0.1:{gatewayPort}");
            await gateway.WaitUntilReadyAsync(new Uri(Gateway, "/health/ready"), TimeSpan.FromMinutes(2));
        }
    }
}
