using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Identities.ServiceDefaults.Telemetry;

/// <summary>
/// A request's problem code (a stable, bounded set: README "Errors"), as a label of http.server.request.duration
/// (problem_code) and a field of the request's log line.
/// </summary>
public static class RequestOutcome
{
    public const string ProblemCodeTag = "problem.code";

    private static readonly object CodeKey = new();

    public static void SetProblemCode(HttpContext context, string code)
    {
        context.Items[CodeKey] = code;
        context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new KeyValuePair<string, object?>(ProblemCodeTag, code));
    }

    public static string? ProblemCode(HttpContext context) => context.Items.TryGetValue(CodeKey, out var code) ? code as string : null;
}
