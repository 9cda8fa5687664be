using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Identities.Contracts.Errors;
using Identities.Registry.Storage;
using StackExchange.Redis;

namespace Identities.Registry.Grpc;

/// <summary>
/// Maps refusals to precise status codes with a stable reason, and Redis outages to UNAVAILABLE (the
/// gateway answers 503 with Retry-After). Every write is one atomic script, so a failed call wrote nothing.
/// </summary>
public sealed class RegistryExceptionInterceptor(ILogger<RegistryExceptionInterceptor> logger) : Interceptor
{
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RegistryException ex)
        {
            throw ToRpcException(ex);
        }
        catch (Exception ex) when (ex is RedisConnectionException or RedisTimeoutException or ObjectDisposedException
            || (ex is RedisServerException server && RedisRetry.IsTransient(server)))
        {
            logger.LogWarning("Redis unavailable: {Reason}", ex.Message);
            throw Status(Code.Unavailable, RegistryErrorReasons.RedisUnavailable, "The registry's store is unavailable; retry later.", null);
        }
    }

    private static RpcException ToRpcException(RegistryException ex)
    {
        var code = ex.Kind switch
        {
            RegistryErrorKind.InvalidArgument => Code.InvalidArgument,
            RegistryErrorKind.NotFound => Code.NotFound,
            RegistryErrorKind.AlreadyExists => Code.AlreadyExists,
            _ => Code.Unavailable,
        };
        return Status(code, ex.Reason, ex.Message, ex.Field, ex.ExistingId);
    }

    private static RpcException Status(Code code, string reason, string message, string? field, string? existingId = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = ErrorDomains.Registry };
        if (existingId is not null)
        {
            info.Metadata[ErrorMetadataKeys.ExistingFaceId] = existingId;
        }
        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
        if (field is not null)
        {
            status.Details.Add(Any.Pack(new BadRequest { FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = message } } }));
        }
        return status.ToRpcException();
    }
}
