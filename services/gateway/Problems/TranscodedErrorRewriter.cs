using System.Text.Json;
using Yarp.ReverseProxy.Transforms;

namespace Identities.Gateway.Problems;

/// <summary>
/// The registry's JSON transcoding answers errors as a google.rpc.Status body ({code, message, details}).
/// Callers of the gateway get problem+json everywhere, so proxied errors are rewritten, keeping the
/// registry's ErrorInfo reason as the stable `code` and the BadRequest field as `field`.
/// </summary>
public static class TranscodedErrorRewriter
{
    public static async ValueTask RewriteAsync(ResponseTransformContext context)
    {
        var response = context.ProxyResponse;
        if (response is null || (int)response.StatusCode < 400 || response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            return;
        }
        var status = (int)response.StatusCode;
        string? reason = null;
        string? field = null;
        var message = "The request failed.";
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted));
            var root = document.RootElement;
            message = root.TryGetProperty("message", out var m) ? m.GetString() ?? message : message;
            foreach (var detail in root.TryGetProperty("details", out var d) ? d.EnumerateArray() : default)
            {
                reason ??= detail.TryGetProperty("reason", out var r) ? r.GetString() : null;
                if (detail.TryGetProperty("fieldViolations", out var violations) && violations.GetArrayLength() > 0)
                {
                    field = violations[0].GetProperty("field").GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not a Status body: answer with the status alone.
        }

        context.SuppressResponseBody = true;
        context.HttpContext.Response.Headers.ContentLength = null;
        var problem = new ApiProblemException(status, reason ?? DefaultCode(status), TitleOf(status), message, field);
        await ProblemResponder.WriteAsync(context.HttpContext, problem);
    }

    private static string DefaultCode(int status) => status switch
    {
        404 => "not_found",
        400 => "invalid_argument",
        503 => ProblemCodes.ServiceUnavailable,
        _ => ProblemCodes.InternalError,
    };

    private static string TitleOf(int status) => status switch
    {
        404 => "Not found.",
        400 => "The request is invalid.",
        503 => "Service unavailable; retry later.",
        _ => "The request failed.",
    };
}
