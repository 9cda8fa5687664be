namespace Identities.Gateway.Limits;

/// <summary>
/// The reverse proxies (the Ingress) whose X-Forwarded-For and X-Forwarded-Proto are believed (section
/// "TrustedProxies"). Empty, the default: no sender is a proxy and the client is the connection's address.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string SectionName = "TrustedProxies";

    /// <summary>Networks in CIDR notation (10.0.0.0/8, fd00::/8) or single addresses.</summary>
    public List<string> Networks { get; set; } = [];
}
