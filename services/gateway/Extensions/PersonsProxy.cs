using System.Globalization;
using Identities.Gateway.Problems;
using Identities.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Identities.Gateway.Extensions;

/// <summary>
/// Person Management (/api/v1/persons/..., DELETE /api/v1/faces/{faceId}) is the registry's own API,
/// served as JSON by gRPC JSON transcoding; YARP forwards it behind the Person Management permission.
/// The caller's bearer token travels on (YARP forwards it): the registry checks it and its permission again.
/// </summary>
public static class PersonsProxy
{
    private const string Cluster = "registry";

    public static IServiceCollection AddPersonsProxy(this IServiceCollection services, string registryHttpAddress, TimeSpan timeout)
    {
        RouteConfig[] routes =
        [
            new()
            {
                RouteId = "persons",
                ClusterId = Cluster,
                AuthorizationPolicy = Permissions.PersonManagement,
                Match = new RouteMatch { Path = "/api/v1/persons/{**rest}" },
            },
            new()
            {
                RouteId = "delete-face",
                ClusterId = Cluster,
                AuthorizationPolicy = Permissions.PersonManagement,
                Match = new RouteMatch { Path = "/api/v1/faces/{faceId}", Methods = ["DELETE"] },
            },
        ];
        ClusterConfig[] clusters =
        [
            new()
            {
                ClusterId = Cluster,
                Destinations = new Dictionary<string, DestinationConfig> { ["registry"] = new() { Address = registryHttpAddress } },
                // The registry's deadline, as on its gRPC calls: a hung registry costs a caller this long, not YARP's 100 s.
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = timeout },
            },
        ];
        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context =>
            {
                context.AddResponseTransform(TranscodedErrorRewriter.RewriteAsync);
            });
        return services;
    }

    /// <summary>The proxy, answering its own failures (registry down or hung) as 503 problem+json with Retry-After.</summary>
    public static IEndpointRouteBuilder MapPersonsProxy(this IEndpointRouteBuilder app)
    {
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(AnswerProxyErrorsAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }

    /// <summary>YARP answers an unreachable or silent destination with an empty 502 or 504; callers get a problem.</summary>
    private static async Task AnswerProxyErrorsAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var error = context.GetForwarderErrorFeature();
        if (error is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        var retryAfter = context.RequestServices.GetRequiredService<IOptions<GatewayOptions>>().Value.RetryAfterSeconds;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await ProblemResponder.WriteAsync(context, GrpcProblemMapper.Unavailable(error.Error == ForwarderError.RequestTimedOut
            ? "The registry did not answer in time."
            : "The registry is unavailable."));
    }
}
