using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identities.ServiceDefaults.Telemetry;

/// <summary>
/// Which Kestrel endpoint a request came in on, by the endpoint's name in configuration: /metrics is served only
/// on the plain-HTTP endpoints, never on a public API port. "Http" (the workers' plain-HTTP port, which also
/// serves health and, on the registry, Person Management JSON) and "Management" (the gateway's port 5119, which
/// serves nothing but /metrics and /health/*).
/// </summary>
public static class ManagementEndpoints
{
    public const string HttpEndpoint = "Http";
    public const string ManagementEndpoint = "Management";
    public const string MetricsPath = "/metrics";
    public const string HealthPath = "/health";

    private static readonly object EndpointKey = new();

    /// <summary>Marks each connection of the named endpoints with the endpoint's name (a connection item).</summary>
    public static IServiceCollection AddManagementEndpoints(this IServiceCollection services, IConfiguration configuration)
    {
        // The documented way to reach named endpoints: reload Kestrel's section with per-endpoint callbacks.
        // It replaces the default loader with an identical one (same section, reload on change).
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(new ConfigureNamedOptions<KestrelServerOptions>(Options.DefaultName, kestrel =>
            kestrel.Configure(configuration.GetSection("Kestrel"), reloadOnChange: true)
                .Endpoint(HttpEndpoint, endpoint => Mark(endpoint.ListenOptions, HttpEndpoint))
                .Endpoint(ManagementEndpoint, endpoint => Mark(endpoint.ListenOptions, ManagementEndpoint))));
        return services;
    }

    /// <summary>The name of the endpoint the request came in on, where it is one of the two above.</summary>
    public static string? EndpointOf(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(EndpointKey, out var name) == true ? name as string : null;

    public static bool IsMetricsRequest(HttpContext context) =>
        context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase) && EndpointOf(context) is not null;

    /// <summary>The management port answers only /metrics and /health/*: the API stays on its own port.</summary>
    public static IApplicationBuilder UseManagementEndpointFilter(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (EndpointOf(context) == ManagementEndpoint
            && !context.Request.Path.Equals(MetricsPath, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        await next(context);
    });

    private static void Mark(ListenOptions listen, string name) => listen.Use(next => connection =>
    {
        connection.Items[EndpointKey] = name;
        return next(connection);
    });
}
