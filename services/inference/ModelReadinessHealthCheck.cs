using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Identities.Inference;

public sealed class ModelReadinessHealthCheck(ModelReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = readiness switch
        {
            { Failure: { } failure } => HealthCheckResult.Unhealthy($"model failed to load: {failure}"),
            { IsReady: true } => HealthCheckResult.Healthy("model loaded and warmed"),
            _ => HealthCheckResult.Unhealthy("model is loading"),
        };
        return Task.FromResult(result);
    }
}
