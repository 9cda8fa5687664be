using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Identities.ServiceDefaults.Telemetry;

/// <summary>
/// One log line per request: method, route template (never the raw path, which may carry an id or a reference),
/// status, problem code, duration and stage timings. No header, query or body is ever logged. Health probes
/// and scrapes log at Debug only.
/// </summary>
public sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var timings = new RequestTimings();
        RequestTimings.Current = timings;
        var failed = true;
        try
        {
            await next(context);
            failed = false;
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            var code = RequestOutcome.ProblemCode(context) ?? "";
            if (IsProbe(context))
            {
                LogProbe(logger, context.Request.Method, route, status, elapsed);
            }
            else
            {
                LogRequest(logger, context.Request.Method, route, status, code, elapsed, timings.ToString());
            }
            RequestTimings.Current = null;
        }
    }

    private static bool IsProbe(HttpContext context) =>
        context.Request.Path.StartsWithSegments(ManagementEndpoints.HealthPath, StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.Equals(ManagementEndpoints.MetricsPath, StringComparison.OrdinalIgnoreCase)
        || context.Request.Path.StartsWithSegments("/grpc.health.v1.Health", StringComparison.Ordinal);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Method} {Route} {StatusCode} {ProblemCode} {DurationMs:F1} ms {Stages}")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, string problemCode, double durationMs, string stages);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "{Method} {Route} {StatusCode} {DurationMs:F1} ms")]
    private static partial void LogProbe(ILogger logger, string method, string route, int statusCode, double durationMs);
}
