namespace Identities.Gateway.Limits;

/// <summary>Names of the rate limiter policies endpoints opt into.</summary>
public static class LimitPolicies
{
    /// <summary>Per-client token bucket on login: PBKDF2 is deliberately slow, so attempts are rationed.</summary>
    public const string Login = "login";

    /// <summary>One concurrency limit with a bounded queue over the image endpoints.</summary>
    public const string Faces = "faces";
}
