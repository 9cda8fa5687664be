using System.ComponentModel.DataAnnotations;

namespace Identities.ServiceDefaults.Auth;

/// <summary>
/// How a worker checks the bearer tokens the gateway forwards (section "Authentication", the same names as the
/// gateway's): the gateway's issuer and audience, and either its signing key file or the external authority.
/// </summary>
public sealed class InternalAuthOptions
{
    public const string SectionName = "Authentication";

    /// <summary>An external OpenID Connect issuer (JWKS); empty: tokens are the gateway's own, checked with SigningKeyPath.</summary>
    public string? Authority { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    [Required]
    public string Audience { get; set; } = "identities";

    [Required]
    public string Issuer { get; set; } = "identities";

    [Required]
    public string PermissionClaimType { get; set; } = "permission";

    /// <summary>
    /// The gateway's signing key file (its `keys/jwt-signing.key`); relative paths are under IDENTITIES_DATA_DIR.
    /// Required (and must exist at start) unless Authority is set.
    /// </summary>
    public string SigningKeyPath { get; set; } = Path.Combine("keys", "jwt-signing.key");
}
