namespace Identities.Client;

/// <summary>How <see cref="IdentityDbSdk"/> renews tokens and retries; the defaults suit most callers.</summary>
public sealed class IdentityDbSdkOptions
{
    /// <summary>
    /// Retries of a call that is safe to repeat (reads, faceDetect, faceCompare, updates) after a network failure
    /// or a 429, 502, 503 or 504 answer. Calls that create something (faceEnroll, CreatePersonAsync) and deletions
    /// are sent once, never retried. Default 2; 0 turns retries off.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The longest wait before a retry. An answer whose Retry-After asks for more (a login lockout, say) is not
    /// retried: the exception's RetryAfter tells the caller how long. Default 30 s.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A token is renewed (by logging in again) this long before it expires, or halfway through its life when
    /// that comes later. Default 2 minutes.
    /// </summary>
    public TimeSpan TokenRenewalMargin { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The permissions to ask the token for (least privilege); null asks for all of the user's.</summary>
    public IReadOnlyList<string>? Permissions { get; set; }

    /// <summary>The clock used to renew tokens; replace it in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
