namespace Identities.ServiceDefaults.Auth;

/// <summary>
/// How a worker checks the bearer tokens the gateway forwards: the gateway's token settings, and where to find its
/// signing key when the tokens are the gateway's own.
/// </summary>
public sealed class InternalAuthOptions : TokenValidationOptions
{
    /// <summary>
    /// The gateway's signing key file (its `keys/jwt-signing.key`); relative paths are under IDENTITIES_DATA_DIR.
    /// Required (and must exist at start) unless Authority is set.
    /// </summary>
    public string SigningKeyPath { get; set; } = Path.Combine("keys", "jwt-signing.key");
}
