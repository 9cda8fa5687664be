using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// One service of the stack in its own process (as run.sh starts it), so that its own peak memory can be read from
/// /proc (VmHWM). Settings go in as environment variables; its log is kept for the failure message.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _log = [];

    private ServiceProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts services/&lt;name&gt; (its dll from the test's output folder, its own appsettings.json).</summary>
    public static ServiceProcess Start(string name, string assembly, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, assembly + ".dll") },
            WorkingDirectory = Path.Combine(RepositoryPaths.Root, "services", name),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var service = new ServiceProcess(name, Process.Start(start)!);
        service._process.OutputDataReceived += service.Collect;
        service._process.ErrorDataReceived += service.Collect;
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Peak resident memory so far (VmHWM), in bytes.</summary>
    public long PeakMemoryBytes => PeakMemoryOf(ProcessId);

    public static long PeakMemoryOf(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    public async Task WaitUntilReadyAsync(Uri health, TimeSpan timeout)
    {
        using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                break;
            }
            try
            {
                if ((await client.GetAsync(health)).StatusCode == HttpStatusCode.OK)
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
        lock (_log)
        {
            throw new TimeoutException($"{Name} did not become ready:\n{string.Join('\n', _log.TakeLast(20))}");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is not null)
        {
            lock (_log)
            {
                _log.Add(e.Data);
            }
        }
    }
}
