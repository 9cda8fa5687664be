using Identities.Gateway.Auth;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Tests;

/// <summary>The login throttle's memory and its counting of attempts in flight, on a hand-moved clock.</summary>
public sealed class LoginThrottleTests
{
    private readonly ManualClock _clock = new();

    [Fact]
    public void TryBegin_ManyLongRandomUsernames_StaysUnderTheCap()
    {
        var throttle = Throttle(cap: 1000);
        for (var i = 0; i < 20_000; i++)
        {
            var username = Guid.NewGuid().ToString("N") + new string('x', 224);
            if (throttle.TryBegin(username, "203.0.113.7") == 0)
            {
                throttle.End(username, "203.0.113.7", succeeded: false);
            }
        }

        Assert.InRange(throttle.TrackedCount, 1, 1000);
    }

    [Fact]
    public void End_TheFailureThatLocksTheUserOut_SaysSo_Once()
    {
        var throttle = Throttle(cap: 1000);
        var lockouts = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(0, throttle.TryBegin("mallory", "203.0.113.9"));
            lockouts.Add(throttle.End("mallory", "203.0.113.9", succeeded: false));
        }

        // MaxFailedLogins is 5: the fifth failure locks (counted once as a lockout), and the next attempt is refused.
        Assert.Equal([false, false, false, false, true], lockouts);
        Assert.True(throttle.TryBegin("mallory", "203.0.113.9") > 0);
    }

    [Fact]
    public void TryBegin_AfterTheLockoutPeriod_ForgetsEveryFailure()
    {
        var throttle = Throttle(cap: 1000);
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(0, throttle.TryBegin($"user{i}", "203.0.113.7"));
            throttle.End($"user{i}", "203.0.113.7", succeeded: false);
        }
        Assert.Equal(500, throttle.TrackedCount);

        _clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(0, throttle.TryBegin("someone", "203.0.113.8"));
        throttle.End("someone", "203.0.113.8", succeeded: true);

        Assert.Equal(0, throttle.TrackedCount);
    }

    [Fact]
    public void TryBegin_AttemptsInFlight_CountAgainstTheLimit()
    {
        var throttle = Throttle(cap: 1000);
        var admitted = Enumerable.Range(0, 40).Count(_ => throttle.TryBegin("victim", "203.0.113.7") == 0);
        Assert.Equal(5, admitted);
        for (var i = 0; i < admitted; i++)
        {
            throttle.End("victim", "203.0.113.7", succeeded: false);
        }

        Assert.Equal(300, throttle.TryBegin("victim", "203.0.113.7"));
    }

    [Fact]
    public void TryBegin_CapFullOfLocks_RefusesNewPairsInsteadOfForgettingALock()
    {
        var throttle = Throttle(cap: 100);
        for (var i = 0; i < 100; i++)
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                Assert.Equal(0, throttle.TryBegin($"victim{i}", "203.0.113.7"));
                throttle.End($"victim{i}", "203.0.113.7", succeeded: false);
            }
        }
        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.True(throttle.TryBegin("newcomer", "203.0.113.9") > 0);
        Assert.True(throttle.TryBegin("victim0", "203.0.113.7") > 0);
    }

    private LoginThrottle Throttle(int cap) =>
        new(Options.Create(new AuthOptions { MaxFailedLogins = 5, LockoutSeconds = 300, MaxTrackedLogins = cap }), _clock);
}
