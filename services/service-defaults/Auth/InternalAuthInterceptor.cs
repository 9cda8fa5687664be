using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace Identities.ServiceDefaults.Auth;

/// <summary>
/// Every gRPC call but health needs a valid bearer token (UNAUTHENTICATED without one) that carries one of the
/// method's permissions (PERMISSION_DENIED otherwise). The token was validated by the JWT bearer handler;
/// this decides per method, before any work or store access.
/// </summary>
public sealed class InternalAuthInterceptor(MethodPermissions methods, IOptions<InternalAuthOptions> options) : Interceptor
{
    private const string HealthService = "/grpc.health.v1.Health/";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        // Probes (kubelet, the gateway's readiness) carry no token.
        if (context.Method.StartsWith(HealthService, StringComparison.Ordinal))
        {
            return;
        }
        var user = context.GetHttpContext().User;
        if (user.Identity?.IsAuthenticated != true)
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "A valid bearer token from the gateway's issuer is required."));
        }
        var granting = methods.For(context.Method);
        var claimType = options.Value.PermissionClaimType;
        if (!granting.Any(permission => user.HasClaim(claimType, permission)))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, granting.Count == 0
                ? $"{context.Method} is not open to any permission."
                : $"{context.Method} requires one of: {string.Join(", ", granting)}."));
        }
    }
}
