using Grpc.Health.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Identities.Gateway.Extensions;

/// <summary>
/// The detector's, embedder's and registry's health, as information: the gateway stays ready (Degraded answers
/// 200) while any of them is down, because it still serves what does not need them (login, the web console,
/// faceCompare without the registry); each request that needs a missing one gets 503 with Retry-After.
/// </summary>
public sealed class DownstreamHealthCheck(IEnumerable<DownstreamHealthClient> downstreams) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var checks = downstreams.Select(async d => (d.Name, Serving: await d.IsServingAsync(cancellationToken))).ToList();
        var results = await Task.WhenAll(checks);
        var down = results.Where(r => !r.Serving).Select(r => r.Name).ToList();
        return down.Count == 0
            ? HealthCheckResult.Healthy("detector, embedder and registry are serving")
            : HealthCheckResult.Degraded($"not serving: {string.Join(", ", down)}");
    }
}
