using Identities.Gateway.Faces;
using Identities.Gateway.Problems;
using Identities.ServiceDefaults;
using Identities.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Auth;

public static class AuthExtensions
{
    /// <summary>JWT bearer on every API endpoint; one authorization policy per permission name.</summary>
    public static IHostApplicationBuilder AddGatewayAuth(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<AuthOptions>(AuthOptions.SectionName);
        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<UserDirectory>();
        builder.Services.AddSingleton<LoginThrottle>();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, SigningKeyStore>((jwt, auth, keys) =>
            {
                var settings = auth.Value;
                // The same validation as the workers apply to the tokens the gateway forwards (ServiceDefaults).
                JwtValidation.Configure(jwt, settings, string.IsNullOrWhiteSpace(settings.Authority) ? keys.Key : null);
                jwt.Events = new JwtBearerEvents
                {
                    OnChallenge = context => WriteProblemAsync(context.HttpContext, context.HandleResponse,
                        StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "Authentication required.",
                        context.AuthenticateFailure is null ? "Send a bearer token." : "The bearer token is invalid or expired."),
                    OnForbidden = context => WriteProblemAsync(context.HttpContext, () => { },
                        StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "Permission required.", "The token lacks the permission this endpoint requires."),
                };
            });

        builder.Services.AddAuthorization(options =>
        {
            var claimType = builder.Configuration[$"{AuthOptions.SectionName}:{nameof(AuthOptions.PermissionClaimType)}"] ?? new AuthOptions().PermissionClaimType;
            foreach (var permission in Permissions.All)
            {
                options.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().RequireClaim(claimType, permission));
            }
        });
        return builder;
    }

    private static Task WriteProblemAsync(HttpContext context, Action handled, int status, string code, string title, string detail)
    {
        handled();
        return ProblemResponder.WriteAsync(context, new ApiProblemException(status, code, title, detail));
    }
}
