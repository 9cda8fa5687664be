using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Identities.ServiceDefaults.Auth;

/// <summary>
/// How every service validates a bearer token, in one place: the gateway for its callers, the workers for the
/// tokens the gateway forwards (the same issuer, audience, keys and lifetime rules).
/// </summary>
public static class JwtValidation
{
    /// <param name="signingKey">The gateway's own signing key; ignored when the settings name an external Authority.</param>
    public static void Configure(JwtBearerOptions jwt, TokenValidationOptions settings, SecurityKey? signingKey)
    {
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
            jwt.TokenValidationParameters.IssuerSigningKey = signingKey
                ?? throw new InvalidOperationException("A signing key is required when no external authority is configured.");
        }
        else
        {
            // External issuer: keys from its JWKS, discovered from the authority.
            jwt.Authority = settings.Authority;
            jwt.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        }
    }

    /// <summary>The gateway's HMAC-SHA256 signing key as it keeps it on disk (32 or more random bytes).</summary>
    public static SymmetricSecurityKey SymmetricKey(byte[] bytes) => new(bytes) { KeyId = "identities-1" };
}
