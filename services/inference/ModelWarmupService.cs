using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Identities.Inference;

/// <summary>Loads and warms every model in the background, then marks the worker ready.</summary>
public sealed class ModelWarmupService(
    IEnumerable<IModelWarmup> models, ModelReadiness readiness, ILogger<ModelWarmupService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            foreach (var model in models)
            {
                stoppingToken.ThrowIfCancellationRequested();
                model.Warmup();
            }
            readiness.MarkReady();
            logger.LogInformation("Models loaded and warmed in {Elapsed:F0} ms",
                System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stay alive but never ready: the probe shows why, and the orchestrator restarts the pod.
            readiness.MarkFailed(ex.Message);
            logger.LogError(ex, "Model warm-up failed");
        }
    }, stoppingToken);
}
