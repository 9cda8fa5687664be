using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Identities.Gateway.Extensions;

/// <summary>The gateway is ready only when the detector, embedder and registry all answer SERVING.</summary>
public sealed class DownstreamHealthCheck(IEnumerable<DownstreamHealthClient> downstreams) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var checks = downstreams.Select(async d => (d.Name, Serving: await d.IsServingAsync(cancellationToken))).ToList();
        var results = await Task.WhenAll(checks);
        var down = results.Where(r => !r.Serving).Select(r => r.Name).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy("detector, embedder and registry are serving")
            : HealthCheckResult.Unhealthy($"not serving: {string.Join(", ", down)}");
    }
}
