using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using Identities.Inference;
using Identities.Testing;

namespace Identities.Pipeline.Tests.Support;

/// <summary>
/// A worker started as its own process, as in production, with Inference:ExecutionProvider=Auto: stdout is JSON
/// lines, one line names the execution provider (and why not CUDA), and ONNX Runtime prints no native error dump.
/// </summary>
public sealed class StartupLogTests
{
    [Theory]
    [InlineData("detector", "Identities.Detector")]
    [InlineData("embedder", "Identities.Embedder")]
    public async Task Startup_AutoProvider_LogsOneProviderLine_AndNoOnnxRuntimeErrorDump(string folder, string assembly)
    {
        var lines = await RunUntilWarmAsync(folder, assembly);

        Assert.DoesNotContain(lines, l => l.Text.Contains("[E:onnxruntime", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Stderr);
        var provider = Assert.Single(lines, l => l.Text.Contains("Execution provider:", StringComparison.Ordinal));
        var cuda = CudaProbe.Check(0);
        if (!cuda.Available)
        {
            Assert.Contains("CUDA not used: " + cuda.Reason, provider.Text, StringComparison.Ordinal);
        }
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line.Text);
            Assert.True(json.RootElement.TryGetProperty("Message", out _), line.Text);
        }
    }

    [Fact]
    public void CudaProbe_WithoutAnNvidiaDriver_SaysSo()
    {
        Skip.If(NativeLibrary.TryLoad("libcuda.so.1", out _), "this machine has an NVIDIA driver");
        var cuda = CudaProbe.Check(0);
        Assert.False(cuda.Available);
        Assert.Contains("libcuda.so.1", cuda.Reason, StringComparison.Ordinal);
    }

    /// <summary>The worker's own build output, in the configuration these tests were built in.</summary>
    internal static string ServiceOutput(string folder)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(RepositoryPaths.Root, "services", folder, "bin", configuration, "net10.0");
    }

    private static async Task<List<(string Text, bool Stderr)>> RunUntilWarmAsync(string folder, string assembly)
    {
        var output = ServiceOutput(folder);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(output, assembly + ".dll"),
                "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0",
                "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
                "--Inference:ExecutionProvider=Auto",
                "--Inference:ModelsDirectory=" + RepositoryPaths.Models,
            },
        };
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        var lines = new List<(string Text, bool Stderr)>();
        var warmed = new TaskCompletionSource();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Add(e.Data, stderr: false);
        process.ErrorDataReceived += (_, e) => Add(e.Data, stderr: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await warmed.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (lines)
        {
            return [.. lines];
        }

        void Add(string? text, bool stderr)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }
            lock (lines)
            {
                lines.Add((text, stderr));
            }
            if (text.Contains("Models loaded and warmed", StringComparison.Ordinal) || text.Contains("Model warm-up failed", StringComparison.Ordinal))
            {
                warmed.TrySetResult();
            }
        }
    }
}
