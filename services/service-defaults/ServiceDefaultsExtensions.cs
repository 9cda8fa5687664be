using Identities.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace Identities.ServiceDefaults;

/// <summary>What every Identities service shares: telemetry (/metrics, traces, JSON logs), health endpoints and gRPC health.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of the health checks that decide readiness (model loaded and warmed, downstream up).</summary>
    public const string ReadyTag = "ready";

    private const string LivePath = "/health/live";
    private const string ReadyPath = "/health/ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.AddTelemetry(meterNames);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        // gRPC health is served by every service, the gateway included.
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks(options =>
        {
            // The unnamed gRPC service answers SERVING only when the service is ready.
            options.Services.Map("", registration => registration.Tags.Contains(ReadyTag));
        });
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseManagementEndpointFilter();
        // Prometheus text at /metrics, only on the plain-HTTP ("Http") or management ("Management") endpoint.
        app.UseOpenTelemetryPrometheusScrapingEndpoint(ManagementEndpoints.IsMetricsRequest);
        // Mapped in every environment: Kubernetes probes need them in production most of all.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) });
        app.MapGrpcHealthChecksService();
        return app;
    }
}
