using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Identities.Testing;

namespace Identities.Pipeline.Tests.Support;

/// <summary>
/// OTLP stays available through the standard OTEL_* variables: a worker started as its own process with an OTLP
/// endpoint sends its logs and metrics there, under its own service name.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Worker_WithAnOtlpEndpoint_ExportsLogsAndMetrics_UnderItsServiceName()
    {
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = new Dictionary<string, string>();
        var both = new TaskCompletionSource();
        var receiving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received[context.Request.Url!.AbsolutePath] = Encoding.Latin1.GetString(body.ToArray());
                    // Metrics are exported every 500 ms; the model gauge appears once the models are loaded.
                    if (received.ContainsKey("/v1/logs")
                        && received.GetValueOrDefault("/v1/metrics")?.Contains("identities.inference.model", StringComparison.Ordinal) == true)
                    {
                        both.TrySetResult();
                    }
                }
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });

        var start = WorkerProcess.StartInfo("detector", "Identities.Detector", "Cpu");
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}";
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        start.Environment["OTEL_METRIC_EXPORT_INTERVAL"] = "500";
        start.Environment["OTEL_BLRP_SCHEDULE_DELAY"] = "200";
        using var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await both.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            listener.Stop();
            await receiving;
        }

        lock (received)
        {
            Assert.Contains("identities-detector", received["/v1/logs"], StringComparison.Ordinal);
            Assert.Contains("identities-detector", received["/v1/metrics"], StringComparison.Ordinal);
            Assert.Contains("identities.inference.model", received["/v1/metrics"], StringComparison.Ordinal);
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
