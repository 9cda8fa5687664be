using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Identities.ServiceDefaults;

/// <summary>What every Identities service shares: telemetry, health endpoints and gRPC health.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of the health checks that decide readiness (model loaded and warmed, downstream up).</summary>
    public const string ReadyTag = "ready";

    private const string LivePath = "/health/live";
    private const string ReadyPath = "/health/ready";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, params string[] meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry(meterNames);
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
        // Mapped in every environment: Kubernetes probes need them in production most of all.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(ReadyTag) });
        app.MapGrpcHealthChecksService();
        return app;
    }

    private static void ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, string[] meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(meterNames))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation());

        // Export only where an OTLP endpoint is configured; otherwise telemetry stays in-process.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
