using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// A real worker in its own process (`dotnet Identities.Registry.dll`, `Identities.Detector.dll`, ...), so a test
/// can pause it with SIGSTOP: its listening socket still accepts connections, and nothing answers.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private WorkerProcess(Process process, int grpcPort, int httpPort)
    {
        _process = process;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        HttpAddress = $"http://127.0.0.1:{httpPort}";
    }

    public string GrpcAddress { get; }

    public string HttpAddress { get; }

    /// <summary>A registry over the given Redis and key prefix.</summary>
    public static Task<WorkerProcess> StartRegistryAsync(string redis, string keyPrefix) =>
        StartAsync("registry", new() { ["Registry__Redis"] = redis, ["Registry__KeyPrefix"] = keyPrefix });

    /// <summary>A detector with the test models; ready once they are loaded and warmed.</summary>
    public static Task<WorkerProcess> StartDetectorAsync() =>
        StartAsync("detector", new() { ["Inference__ModelsDirectory"] = RepositoryPaths.Models });

    private static async Task<WorkerProcess> StartAsync(string service, Dictionary<string, string> settings)
    {
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var assembly = $"Identities.{char.ToUpperInvariant(service[0])}{service[1..]}.dll";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, assembly) },
            // Its own appsettings.json (the test folder's is the gateway's).
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "services", service),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                // The stack's signing key: workers check the tokens the gateway forwards.
                ["Authentication__SigningKeyPath"] = TestTokens.KeyPath,
                ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
                ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var worker = new WorkerProcess(Process.Start(start)!, grpcPort, httpPort);
        worker._process.OutputDataReceived += worker.Collect;
        worker._process.ErrorDataReceived += worker.Collect;
        worker._process.BeginOutputReadLine();
        worker._process.BeginErrorReadLine();
        await worker.WaitUntilReadyAsync();
        return worker;
    }

    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Resume();
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(HttpAddress), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        string output;
        lock (_output)
        {
            output = string.Join('\n', _output.TakeLast(30));
        }
        throw new TimeoutException($"The worker process did not become ready:\n{output}");
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (_output)
            {
                _output.Add(e.Data);
            }
        }
    }

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
