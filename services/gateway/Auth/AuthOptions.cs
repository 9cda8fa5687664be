using System.ComponentModel.DataAnnotations;
using Identities.ServiceDefaults.Auth;

namespace Identities.Gateway.Auth;

/// <summary>The gateway's token validation (shared with the workers) and its own tokens and users (section "Authentication").</summary>
public sealed class AuthOptions : TokenValidationOptions
{
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
