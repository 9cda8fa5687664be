using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Problems;

/// <summary>
/// The last line: every failure leaves as problem+json with a code. 503 carries Retry-After; a body over
/// the limit is 413; anything unexpected is a 500 that reveals nothing internal.
/// </summary>
public sealed class ProblemExceptionHandler(IOptions<GatewayOptions> options, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ApiProblemException p => p,
            RpcException rpc => GrpcProblemMapper.ToProblem(rpc, "image"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ApiProblemException(
                StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge, "The request body is too large.",
                $"Bodies are limited to {options.Value.MaxRequestBodyBytes:N0} bytes."),
            BadHttpRequestException bad => ApiProblemException.BadRequest(ProblemCodes.InvalidJson, bad.Message, null),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error");
            problem = new ApiProblemException(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "Internal error.", "An unexpected error occurred.");
        }
        var retryAfter = problem.RetryAfterSeconds ?? (problem.Status == StatusCodes.Status503ServiceUnavailable ? options.Value.RetryAfterSeconds : null);
        if (retryAfter is not null)
        {
            httpContext.Response.Headers.RetryAfter = retryAfter.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await ProblemResponder.WriteAsync(httpContext, problem);
        return true;
    }
}
