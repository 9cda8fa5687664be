using Grpc.AspNetCore.Server;
using Identities.ServiceDefaults.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Identities.ServiceDefaults;

public static class WorkerGrpcExtensions
{
    /// <summary>
    /// A worker's gRPC server: the gateway's forwarded tokens checked first (AddInternalAuth registers its interceptor
    /// before any the service adds in <paramref name="configure"/>), detailed errors in Development only.
    /// </summary>
    public static IGrpcServerBuilder AddWorkerGrpc(this IHostApplicationBuilder builder, MethodPermissions methods, Action<GrpcServiceOptions> configure)
    {
        builder.AddInternalAuth(methods);
        return builder.Services.AddGrpc(options =>
        {
            options.EnableDetailedErrors = builder.Environment.IsDevelopment();
            configure(options);
        });
    }
}
