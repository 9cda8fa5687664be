using System.ComponentModel.DataAnnotations;

namespace Identities.Gateway.Auth;

/// <summary>Token validation and the gateway's own users (section "Authentication").</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Authentication";

    /// <summary>An external issuer (OpenID Connect authority with JWKS); empty: the gateway issues its own tokens.</summary>
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

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 60;

    /// <summary>Users with PBKDF2 password hashes (see README: hashing a password).</summary>
    public List<UserAccount> Users { get; set; } = [];

    /// <summary>Failed logins per user and client address before further attempts are refused for a while.</summary>
    [Range(1, 1000)]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(1, 86_400)]
    public int LockoutSeconds { get; set; } = 300;

    /// <summary>
    /// Most (user, client) pairs the login throttle remembers (about 100 bytes each); past it, pairs neither
    /// locked nor in flight are forgotten first, and logins of new pairs are refused while only locks remain.
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedLogins { get; set; } = 100_000;
}
