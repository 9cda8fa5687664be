using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Auth;

/// <summary>
/// Refuses logins for a user from a client address after repeated failures, for a while: password
/// guessing gets a handful of tries per lockout period, not thousands per second.
/// </summary>
/// <remarks>
/// An attempt reserves its try before the slow password check (<see cref="TryBegin"/>) and settles it after
/// (<see cref="End"/>): attempts in flight count against the limit, so concurrent guesses are not extra guesses.
/// Memory is bounded: keys are fixed-size hashes whatever the username's length, entries are forgotten once
/// their lockout period is over, and at most <see cref="AuthOptions.MaxTrackedLogins"/> are kept.
/// </remarks>
public sealed class LoginThrottle(IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly Dictionary<UInt128, Entry> _entries = [];
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Entries held now (for tests and diagnostics).</summary>
    public int TrackedCount
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>0 when the attempt may go on (a try is reserved: call <see cref="End"/>), else seconds to wait.</summary>
    public int TryBegin(string username, string client)
    {
        var settings = options.Value;
        var lockout = TimeSpan.FromSeconds(settings.LockoutSeconds);
        var key = Key(username, client);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (now - _lastSweep >= SweepInterval)
            {
                Sweep(now, lockout, settings.MaxTrackedLogins);
            }
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (_entries.Count >= settings.MaxTrackedLogins && now - _lastSweep >= TimeSpan.FromSeconds(1))
                {
                    Sweep(now, lockout, settings.MaxTrackedLogins);
                }
                if (_entries.Count >= settings.MaxTrackedLogins)
                {
                    // Every entry left is a lock or an attempt in flight: fail closed rather than forget one.
                    return Math.Min(settings.LockoutSeconds, 60);
                }
                entry = new Entry { WindowStart = now };
                _entries[key] = entry;
            }
            if (entry.LockedUntil > now)
            {
                return SecondsUntil(entry.LockedUntil, now);
            }
            if (now - entry.WindowStart >= lockout)
            {
                entry.Failures = 0;
                entry.WindowStart = now;
            }
            if (entry.Failures + entry.Pending >= settings.MaxFailedLogins)
            {
                // The attempts in flight may use up the remaining tries: ask this one to come back shortly.
                return 1;
            }
            entry.Pending++;
            return 0;
        }
    }

    /// <summary>Settles an attempt that <see cref="TryBegin"/> let through; true when this failure locked the user out.</summary>
    public bool End(string username, string client, bool succeeded)
    {
        var settings = options.Value;
        var key = Key(username, client);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                return false;
            }
            entry.Pending = Math.Max(0, entry.Pending - 1);
            if (succeeded)
            {
                entry.Failures = 0;
                if (entry.Pending == 0)
                {
                    _entries.Remove(key);
                }
                return false;
            }
            if (now - entry.WindowStart >= TimeSpan.FromSeconds(settings.LockoutSeconds))
            {
                entry.Failures = 0;
                entry.WindowStart = now;
            }
            entry.Failures++;
            if (entry.Failures >= settings.MaxFailedLogins)
            {
                var wasLocked = entry.LockedUntil > now;
                entry.LockedUntil = now.AddSeconds(settings.LockoutSeconds);
                return !wasLocked;
            }
            return false;
        }
    }

    /// <summary>
    /// Forgets what has expired; when still over 90% of the cap, also entries neither locked nor in flight
    /// (a few counted failures, lost only under a flood of distinct names).
    /// </summary>
    private void Sweep(DateTimeOffset now, TimeSpan lockout, int cap)
    {
        _lastSweep = now;
        var idle = _entries.Where(e => e.Value.Pending == 0 && e.Value.LockedUntil <= now).ToList();
        foreach (var (key, entry) in idle)
        {
            if (now - entry.WindowStart >= lockout)
            {
                _entries.Remove(key);
            }
        }
        var target = cap / 10 * 9;
        foreach (var (key, _) in idle.OrderBy(e => e.Value.WindowStart))
        {
            if (_entries.Count <= target)
            {
                break;
            }
            _entries.Remove(key);
        }
    }

    private static int SecondsUntil(DateTimeOffset until, DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds));

    /// <summary>128 bits of SHA-256 over user and client: the same small key for a 3- or a 256-character name.</summary>
    private static UInt128 Key(string username, string client)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{username}\n{client}"), hash);
        return BinaryPrimitives.ReadUInt128LittleEndian(hash);
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public int Pending { get; set; }

        public DateTimeOffset WindowStart { get; set; }

        public DateTimeOffset LockedUntil { get; set; }
    }
}
