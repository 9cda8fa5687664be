namespace Identities.BenchCommon;

/// <summary>
/// Contamination check: the machine's busy CPU time over an interval, minus what the measured processes (this
/// one and those it names) used. What is left is other processes' load, which inflates what was measured.
/// </summary>
public sealed class CpuProbe
{
    private readonly Func<double> _oursSeconds;
    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly double? _machineBusy = CpuClock.MachineBusySeconds();
    private readonly double _ours;

    /// <param name="measuredPids">Other processes whose CPU belongs to the measurement (servers under test).</param>
    public CpuProbe(IReadOnlyCollection<int>? measuredPids = null)
        : this(() => CpuClock.OwnSeconds() + (measuredPids ?? []).Sum(p => CpuClock.ProcessSeconds(p) ?? 0))
    {
    }

    public CpuProbe(Func<double> oursSeconds)
    {
        _oursSeconds = oursSeconds;
        _ours = oursSeconds();
    }

    public double WallSeconds => System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalSeconds;

    /// <summary>CPU seconds used by the measured processes since the probe started.</summary>
    public double OursSeconds => _oursSeconds() - _ours;

    /// <summary>Other processes' CPU over the probe's life, as a share of all cores' capacity; null off Linux.</summary>
    public double? OtherShare()
    {
        var ours = OursSeconds;
        var busyNow = CpuClock.MachineBusySeconds();
        var wall = WallSeconds;
        if (_machineBusy is null || busyNow is null || wall <= 0)
        {
            return null;
        }
        return Math.Max(0, busyNow.Value - _machineBusy.Value - ours) / (wall * Environment.ProcessorCount);
    }

    public string Describe(string what)
    {
        var ours = OursSeconds;
        var wall = WallSeconds;
        var share = OtherShare();
        var usage = $"{what}: {wall:F0} s wall; the measured processes used {ours:F0} core-s ({ours / Math.Max(wall, 1e-9) / Environment.ProcessorCount:P0} of the machine)";
        return share switch
        {
            null => usage + "; other processes' CPU unknown (no /proc/stat).",
            < 0.03 => usage + $"; other processes {share:P0} (clean).",
            _ => usage + $"; WARNING: other processes used {share:P0} of the machine, numbers of this part are inflated.",
        };
    }
}
