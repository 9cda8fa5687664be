using Google.Rpc;
using Grpc.Core;
using Identities.Contracts.Errors;

namespace Identities.Gateway.Problems;

/// <summary>Downstream gRPC failures to the REST contract's status codes.</summary>
public static class GrpcProblemMapper
{
    public static ApiProblemException ToProblem(RpcException ex, string imageField)
    {
        var info = ex.GetRpcStatus()?.GetDetail<ErrorInfo>();
        var reason = info?.Reason;
        return ex.StatusCode switch
        {
            StatusCode.InvalidArgument when info?.Domain == ErrorDomains.Detector =>
                ApiProblemException.BadRequest(ImageCode(reason), ex.Status.Detail, imageField),
            StatusCode.InvalidArgument => ApiProblemException.BadRequest(reason ?? "invalid_argument", ex.Status.Detail, null),
            StatusCode.NotFound => new ApiProblemException(StatusCodes.Status404NotFound, reason ?? "not_found", "Not found.", ex.Status.Detail),
            StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled or StatusCode.ResourceExhausted =>
                Unavailable(ex.Status.Detail),
            _ => new ApiProblemException(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError, "Internal error.", "A downstream service failed."),
        };
    }

    public static ApiProblemException Unavailable(string detail) =>
        new(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable, "Service unavailable; retry later.", detail);

    /// <summary>The detector's reasons, prefixed so a client can tell image problems apart.</summary>
    private static string ImageCode(string? reason) => reason switch
    {
        DetectorErrorReasons.Empty => ProblemCodes.EmptyImage,
        DetectorErrorReasons.UnsupportedFormat => ProblemCodes.UnsupportedImageFormat,
        DetectorErrorReasons.TooManyPixels => ProblemCodes.ImageTooLarge,
        DetectorErrorReasons.TooSmall => ProblemCodes.ImageTooSmall,
        DetectorErrorReasons.Undecodable => ProblemCodes.UndecodableImage,
        DetectorErrorReasons.TooManyFaces => ProblemCodes.TooManyFaces,
        _ => ProblemCodes.InvalidImage,
    };
}
