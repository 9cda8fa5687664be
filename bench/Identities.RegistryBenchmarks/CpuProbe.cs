using System.Diagnostics;
using System.Globalization;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Contamination check: the machine's busy CPU time (/proc/stat) over an interval, minus what this process
/// and the redis-servers it started used. What is left is other processes' load, which would inflate the
/// numbers measured in that interval.
/// </summary>
internal sealed class CpuProbe
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly double? _machineBusy = MachineBusySeconds();
    private readonly double _ownCpu = OwnCpuSeconds();
    private readonly double _redisCpu = RedisProcess.AllInstancesCpuSeconds();

    public double WallSeconds => Stopwatch.GetElapsedTime(_started).TotalSeconds;

    /// <summary>CPU seconds used by this process and its redis-servers since the probe started.</summary>
    public double OursSeconds => OwnCpuSeconds() - _ownCpu + RedisProcess.AllInstancesCpuSeconds() - _redisCpu;

    /// <summary>Other processes' CPU over the probe's life, as a share of all cores' capacity; null off Linux.</summary>
    public double? OtherShare()
    {
        var ours = OursSeconds;
        var busyNow = MachineBusySeconds();
        if (_machineBusy is null || busyNow is null)
        {
            return null;
        }
        var wall = WallSeconds;
        var other = busyNow.Value - _machineBusy.Value - ours;
        return wall > 0 ? Math.Max(0, other) / (wall * Environment.ProcessorCount) : null;
    }

    public string Describe(string what)
    {
        var ours = OursSeconds;
        var wall = WallSeconds;
        var share = OtherShare();
        var usage = $"{what}: {wall:F0} s wall; this benchmark and its redis-servers used {ours:F0} core-s ({ours / Math.Max(wall, 1e-9) / Environment.ProcessorCount:P0} of the machine)";
        return share switch
        {
            null => usage + "; other processes' CPU unknown (no /proc/stat).",
            < 0.03 => usage + $"; other processes {share:P0} (clean).",
            _ => usage + $"; WARNING: other processes used {share:P0} of the machine, numbers of this part are inflated.",
        };
    }

    public static double OwnCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>utime + stime of a process from /proc/PID/stat, in seconds; null if it is gone.</summary>
    public static double? ProcessCpuSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name in parentheses: state is field 3, utime 14, stime 15.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var utime = long.Parse(rest[11], CultureInfo.InvariantCulture);
            var stime = long.Parse(rest[12], CultureInfo.InvariantCulture);
            return (utime + stime) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static double? MachineBusySeconds()
    {
        try
        {
            if (!File.Exists("/proc/stat"))
            {
                return null;
            }
            var line = File.ReadLines("/proc/stat").First();
            // cpu user nice system idle iowait irq softirq steal ...
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var busy = fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + (fields.Length > 7 ? fields[7] : 0);
            return busy / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
