using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Identities.ServiceDefaults.Auth;

/// <summary>
/// How every service validates a bearer token, in one place: the gateway for its callers, the workers for the
/// tokens the gateway forwards (the same issuer, audience, keys and lifetime rules).
/// </summary>
public static class JwtValidation
{
    /// <param name="signingKey">The gateway's own signing key; ignored when <paramref name="authority"/> is set.</param>
    /// <param name="authority">An external OpenID Connect issuer whose JWKS signs the tokens, or null.</param>
    public static void Configure(JwtBearerOptions jwt, string issuer, string audience, SecurityKey? signingKey, string? authority, bool requireHttpsMetadata)
    {
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidAudience = audience,
            ValidateAudience = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        if (string.IsNullOrWhiteSpace(authority))
        {
            jwt.TokenValidationParameters.ValidIssuer = issuer;
            jwt.TokenValidationParameters.IssuerSigningKey = signingKey
                ?? throw new InvalidOperationException("A signing key is required when no external authority is configured.");
        }
        else
        {
            // External issuer: keys from its JWKS, discovered from the authority.
            jwt.Authority = authority;
            jwt.RequireHttpsMetadata = requireHttpsMetadata;
        }
    }

    /// <summary>The gateway's HMAC-SHA256 signing key as it keeps it on disk (32 or more random bytes).</summary>
    public static SymmetricSecurityKey SymmetricKey(byte[] bytes) => new(bytes) { KeyId = "identities-1" };
}
