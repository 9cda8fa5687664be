using Identities.Gateway.OpenApi;
using Identities.Gateway.Problems;

namespace Identities.Gateway.Auth;

/// <summary>What the OpenAPI document says about login (its body is read by hand, like the face endpoints').</summary>
public static class AuthApiDocumentation
{
    public static RouteHandlerBuilder DescribeLogin(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("Login")
        .WithSummary("Get a bearer token for a user.")
        .WithDescription("Answers a JWT to send as `Authorization: Bearer <token>` until expiresAt. permissions asks for a subset of the user's (least privilege); omitted, the token carries all of them.")
        .Accepts<LoginRequest>("application/json")
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, ProblemCodes.MissingField, ProblemCodes.InvalidField)
        .ProducesProblemCodes(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized)
        .ProducesProblemCodes(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden)
        .ProducesProblemCodes(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge)
        .ProducesProblemCodes(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyAttempts, ProblemCodes.RateLimited);
}
