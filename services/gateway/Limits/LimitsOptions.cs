using System.ComponentModel.DataAnnotations;

namespace Identities.Gateway.Limits;

/// <summary>Rate and concurrency limits of the public API (section "Limits").</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Logins one client (IPv4 address or IPv6 /64) may try per minute, on average; beyond: 429.</summary>
    [Range(1, 100_000)]
    public int LoginsPerMinute { get; set; } = 30;

    /// <summary>Logins one client may try at once before the per-minute rate applies.</summary>
    [Range(1, 10_000)]
    public int LoginBurst { get; set; } = 10;

    /// <summary>faceEnroll, faceDetect and faceCompare requests in progress at once, over all clients.</summary>
    [Range(1, 10_000)]
    public int FaceConcurrency { get; set; } = 8;

    /// <summary>Face requests waiting for one of those places; beyond: 503 with Retry-After at once.</summary>
    [Range(0, 100_000)]
    public int FaceQueue { get; set; } = 32;
}
