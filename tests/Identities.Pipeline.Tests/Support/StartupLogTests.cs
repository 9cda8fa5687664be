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

    private static async Task<List<(string Text, bool Stderr)>> RunUntilWarmAsync(string folder, string assembly)
    {
        var start = WorkerProcess.StartInfo(folder, assembly, "Auto");
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        var lines = new List<(string Text, bool Stderr)>();
        var warmed = new TaskCompletionSource();
        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        // A worker that stops before it is warm fails the test at once, with what it printed.
        process.Exited += (_, _) => warmed.TrySetException(new InvalidOperationException(
            "The worker exited before it was warm: " + string.Join('\n', lines.Select(l => l.Text))));
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
