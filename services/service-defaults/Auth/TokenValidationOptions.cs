using System.ComponentModel.DataAnnotations;

namespace Identities.ServiceDefaults.Auth;

/// <summary>
/// How bearer tokens are validated, section "Authentication": the settings the gateway (for its callers) and the
/// workers (for the tokens the gateway forwards) both read, declared once so the two cannot drift apart.
/// </summary>
public abstract class TokenValidationOptions
{
    public const string SectionName = "Authentication";

    /// <summary>An external OpenID Connect issuer (JWKS); empty: the tokens are the gateway's own, signed with its key.</summary>
    public string? Authority { get; set; }

    /// <summary>Fetch the external issuer's metadata over HTTPS only (switch off only for a local test issuer).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    [Required]
    public string Audience { get; set; } = "identities";

    [Required]
    public string Issuer { get; set; } = "identities";

    /// <summary>The claim that carries permission names (several claims, or a JSON array).</summary>
    [Required]
    public string PermissionClaimType { get; set; } = "permission";
}
