using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Auth;

/// <summary>
/// Refuses logins for a user from a client address after repeated failures, for a while: password
/// guessing gets a handful of tries per lockout period, not thousands per second.
/// </summary>
public sealed class LoginThrottle(IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset Since)> _failures = new();

    /// <summary>Seconds until the next attempt is allowed, or 0.</summary>
    public int SecondsLocked(string username, string client)
    {
        if (!_failures.TryGetValue(Key(username, client), out var entry) || entry.Failures < options.Value.MaxFailedLogins)
        {
            return 0;
        }
        var remaining = entry.Since.AddSeconds(options.Value.LockoutSeconds) - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? (int)Math.Ceiling(remaining.TotalSeconds) : 0;
    }

    public void RecordFailure(string username, string client)
    {
        var now = time.GetUtcNow();
        _failures.AddOrUpdate(Key(username, client), _ => (1, now), (_, e) =>
            now - e.Since > TimeSpan.FromSeconds(options.Value.LockoutSeconds) ? (1, now) : (e.Failures + 1, e.Since));
    }

    public void RecordSuccess(string username, string client) => _failures.TryRemove(Key(username, client), out _);

    private static string Key(string username, string client) => $"{username}\n{client}";
}
