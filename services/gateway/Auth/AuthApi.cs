using Identities.Gateway.Faces;
using Identities.Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Identities.Gateway.Auth;

/// <summary>POST /api/v1/auth/login: a token for a configured user (when the gateway issues its own).</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/login", Login).WithTags("Authentication").AllowAnonymous().DescribeLogin();
        return app;
    }

    public static async Task<Ok<LoginResponse>> Login(
        HttpContext context, UserDirectory users, TokenIssuer tokens, LoginThrottle throttle, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<LoginRequest>(context.Request, cancellationToken);
        if (string.IsNullOrEmpty(body.Username) || string.IsNullOrEmpty(body.Password))
        {
            throw ApiProblemException.BadRequest(ProblemCodes.MissingField, "username and password are required.", string.IsNullOrEmpty(body.Username) ? "username" : "password");
        }
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var locked = throttle.SecondsLocked(body.Username, client);
        if (locked > 0)
        {
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyAttempts, "Too many failed logins.",
                $"Try again in {locked} s.")
            { RetryAfterSeconds = locked };
        }

        var user = users.Authenticate(body.Username, body.Password);
        if (user is null)
        {
            throttle.RecordFailure(body.Username, client);
            throw new ApiProblemException(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Login failed.", "Unknown user or wrong password.");
        }
        throttle.RecordSuccess(body.Username, client);

        var granted = body.Permissions is null ? user.Permissions : [.. body.Permissions];
        var notHeld = granted.Except(user.Permissions, StringComparer.Ordinal).ToList();
        if (notHeld.Count > 0)
        {
            throw new ApiProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Permission not held.",
                $"The user does not hold: {string.Join(", ", notHeld)}.", "permissions");
        }
        var (token, expiresAt) = tokens.Issue(user.Username, granted.Distinct(StringComparer.Ordinal));
        return TypedResults.Ok(new LoginResponse(token, expiresAt, [.. granted.Distinct(StringComparer.Ordinal)]));
    }
}
