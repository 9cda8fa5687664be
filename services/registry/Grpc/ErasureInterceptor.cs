using Grpc.Core;
using Grpc.Core.Interceptors;
using Identities.Registry.Storage;

namespace Identities.Registry.Grpc;

/// <summary>A successful DeletePerson or DeleteFace asks for an AOF rewrite (ErasureCompaction), whatever its transport.</summary>
public sealed class ErasureInterceptor(ErasureCompaction compaction) : Interceptor
{
    private static readonly HashSet<string> Erasures =
    [
        $"/{V1.Registry.Descriptor.FullName}/{nameof(V1.Registry.RegistryBase.DeletePerson)}",
        $"/{V1.Registry.Descriptor.FullName}/{nameof(V1.Registry.RegistryBase.DeleteFace)}",
    ];

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (Erasures.Contains(context.Method))
        {
            compaction.RequestAfterErasure();
        }
        return response;
    }
}
