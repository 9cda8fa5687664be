using Identities.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Identities.Gateway.Problems;

/// <summary>Turns an ApiProblemException into its problem+json result.</summary>
public static class ProblemResponder
{
    /// <summary>Writes the problem and records its code for the request's metrics and log line.</summary>
    public static Task WriteAsync(HttpContext context, ApiProblemException problem)
    {
        RequestOutcome.SetProblemCode(context, problem.Code);
        return ToResult(problem).ExecuteAsync(context);
    }

    public static ProblemHttpResult ToResult(ApiProblemException problem)
    {
        var details = new ProblemDetails
        {
            Status = problem.Status,
            Title = problem.Title,
            Detail = problem.Message,
            Type = $"https://identities.dev/problems/{problem.Code}",
        };
        details.Extensions["code"] = problem.Code;
        if (problem.Field is not null)
        {
            details.Extensions["field"] = problem.Field;
        }
        foreach (var (key, value) in problem.Extensions)
        {
            details.Extensions[key] = value;
        }
        return TypedResults.Problem(details);
    }
}
