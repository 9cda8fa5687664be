using Identities.Gateway.Faces;
using Identities.Gateway.Problems;
using Identities.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

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
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudience = settings.Audience,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                if (string.IsNullOrWhiteSpace(settings.Authority))
                {
                    jwt.TokenValidationParameters.ValidIssuer = settings.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = keys.Key;
                }
                else
                {
                    // External issuer: keys from its JWKS, discovered from the authority.
                    jwt.Authority = settings.Authority;
                    jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                }
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
