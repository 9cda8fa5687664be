using Identities.Gateway.Faces;
using Identities.Gateway.Problems;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Identities.Gateway.Extensions;

/// <summary>
/// Person Management (/api/v1/persons/..., DELETE /api/v1/faces/{faceId}) is the registry's own API,
/// served as JSON by gRPC JSON transcoding; YARP forwards it behind the Person Management permission.
/// The caller's token stays at the gateway: the registry is internal and trusts its network.
/// </summary>
public static class PersonsProxy
{
    private const string Cluster = "registry";

    public static IServiceCollection AddPersonsProxy(this IServiceCollection services, string registryHttpAddress)
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
            },
        ];
        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddTransforms(context =>
            {
                context.AddRequestHeaderRemove("Authorization");
                context.AddResponseTransform(TranscodedErrorRewriter.RewriteAsync);
            });
        return services;
    }
}
