using Identities.Gateway.Faces;
using Identities.Gateway.Limits;
using Identities.Gateway.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Identities.Gateway.Auth;

/// <summary>POST /api/v1/auth/login: a token for a configured user (when the gateway issues its own).</summary>
public static class AuthApi
{
    public const int MaxUsernameLength = 256;

    public const int MaxPasswordLength = 1024;

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/auth/login", Login).WithTags("Authentication").AllowAnonymous().DescribeLogin()
            .RequireRateLimiting(LimitPolicies.Login);
        return app;
    }

    public static async Task<Ok<LoginResponse>> Login(
        HttpContext context, UserDirectory users, TokenIssuer tokens, LoginThrottle throttle, GatewayMetrics metrics, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<LoginRequest>(context.Request, cancellationToken);
        if (string.IsNullOrEmpty(body.Username) || string.IsNullOrEmpty(body.Password))
        {
            throw ApiProblemException.BadRequest(ProblemCodes.MissingField, "username and password are required.", string.IsNullOrEmpty(body.Username) ? "username" : "password");
        }
        // Bounded before anything is hashed or remembered: no configured name or password comes near these.
        if (body.Username.Length > MaxUsernameLength || body.Password.Length > MaxPasswordLength)
        {
            var field = body.Username.Length > MaxUsernameLength ? "username" : "password";
            throw ApiProblemException.BadRequest(ProblemCodes.InvalidField,
                $"username is limited to {MaxUsernameLength} characters and password to {MaxPasswordLength}.", field);
        }
        var client = ClientAddress.Of(context);
        var locked = throttle.TryBegin(body.Username, client);
        if (locked > 0)
        {
            throw new ApiProblemException(StatusCodes.Status429TooManyRequests, ProblemCodes.TooManyAttempts, "Too many failed logins.",
                $"Try again in {locked} s.")
            { RetryAfterSeconds = locked };
        }

        UserAccount? user = null;
        var lockedOut = false;
        try
        {
            user = users.Authenticate(body.Username, body.Password);
        }
        finally
        {
            lockedOut = throttle.End(body.Username, client, succeeded: user is not null);
        }
        if (user is null)
        {
            metrics.LoginFailed(lockedOut);
            throw new ApiProblemException(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Login failed.", "Unknown user or wrong password.");
        }

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
