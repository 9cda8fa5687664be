using System.Globalization;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// A real worker in its own process (`dotnet Identities.Registry.dll`, `Identities.Detector.dll`, ...; a
/// <see cref="ServiceProcess"/> on ports of its own), so a test can pause it with SIGSTOP: its listening socket still
/// accepts connections, and nothing answers.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly ServiceProcess _process;

    private WorkerProcess(ServiceProcess process, int grpcPort, int httpPort)
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
        var (grpcPort, httpPort) = (ServiceProcess.FreePort(), ServiceProcess.FreePort());
        var environment = new Dictionary<string, string>
        {
            // The stack's signing key: workers check the tokens the gateway forwards.
            ["Authentication__SigningKeyPath"] = TestTokens.KeyPath,
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{grpcPort}",
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }
        var assembly = $"Identities.{char.ToUpperInvariant(service[0])}{service[1..]}";
        var worker = new WorkerProcess(ServiceProcess.Start(service, assembly, environment), grpcPort, httpPort);
        await worker._process.WaitUntilReadyAsync(new Uri($"{worker.HttpAddress}/health/ready"), TimeSpan.FromMinutes(1));
        return worker;
    }

    public void Pause() => Signal("STOP");

    public void Resume() => Signal("CONT");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Resume();
        }
        await _process.DisposeAsync();
    }

    private void Signal(string signal)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, _process.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
