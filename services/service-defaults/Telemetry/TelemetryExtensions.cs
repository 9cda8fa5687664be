using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Identities.ServiceDefaults.Telemetry;

/// <summary>
/// Metrics (Prometheus at /metrics, and OTLP), traces (ASP.NET Core, HttpClient, gRPC client, Redis; OTLP) and
/// logs (JSON lines on stdout with trace and span ids; OTLP), all under the service's own name.
/// </summary>
public static class TelemetryExtensions
{
    public static TBuilder AddTelemetry<TBuilder>(this TBuilder builder, IEnumerable<string> meterNames)
        where TBuilder : IHostApplicationBuilder
    {
        var identity = ServiceIdentity.For(builder);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton<StageMetrics>();
        builder.Services.AddManagementEndpoints(builder.Configuration);

        // One JSON object per line on stdout; scopes carry TraceId and SpanId (the host's ActivityTrackingOptions).
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(identity.Name, ServiceIdentity.Namespace, identity.Version, autoGenerateServiceInstanceId: false, identity.InstanceId))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // Every Identities meter (Identities, Identities.Detector, ...), and any a service names besides.
                .AddMeter(StageMetrics.MeterName, StageMetrics.MeterName + ".*")
                .AddMeter([.. meterNames])
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .AddGrpcClientInstrumentation()
                .AddHttpClientInstrumentation(options =>
                    // gRPC calls get their span from the gRPC client instrumentation; health polls are noise.
                    options.FilterHttpRequestMessage = request => request.RequestUri?.AbsolutePath.StartsWith("/grpc.health.v1.", StringComparison.Ordinal) != true)
                .AddRedisInstrumentation(redis =>
                {
                    // Commands only (VSIM, FCALL...): never their arguments, which hold vectors and names.
                    redis.SetVerboseDatabaseStatements = false;
                    // Spans are made from the profiler's sessions, drained this often (default 10 s).
                    redis.FlushInterval = TimeSpan.FromSeconds(1);
                }));

        // Export only where an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT and the other OTEL_* variables).
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
        return builder;
    }

    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(ManagementEndpoints.HealthPath) || path.Equals(ManagementEndpoints.MetricsPath)
        || path.StartsWithSegments("/grpc.health.v1.Health");
}
