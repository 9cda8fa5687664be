using System.Diagnostics;
using System.Globalization;

namespace Identities.Benchmarks;

/// <summary>
/// How much CPU other processes used while a section ran (Linux /proc/stat minus this process's CPU
/// time): a benchmark sharing its cores with a build measures the build too.
/// </summary>
internal sealed class LoadProbe
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly double? _systemBusy = SystemBusySeconds();
    private readonly TimeSpan _ownCpu = OwnCpu();

    /// <summary>Other processes' CPU over the probe's life, as a share of all cores' capacity; null off Linux.</summary>
    public double? OtherShare()
    {
        var busyNow = SystemBusySeconds();
        if (_systemBusy is null || busyNow is null)
        {
            return null;
        }
        var wall = Stopwatch.GetElapsedTime(_started).TotalSeconds;
        var other = busyNow.Value - _systemBusy.Value - (OwnCpu() - _ownCpu).TotalSeconds;
        return wall > 0 ? Math.Max(0, other) / (wall * Environment.ProcessorCount) : null;
    }

    public string Describe()
    {
        var share = OtherShare();
        return share switch
        {
            null => "Other processes' CPU use during this section: unknown (no /proc/stat).",
            < 0.03 => $"Other processes' CPU use during this section: {share:P0} of the machine (clean).",
            _ => $"WARNING: other processes used {share:P0} of the machine's CPU during this section; its numbers are inflated.",
        };
    }

    private static TimeSpan OwnCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double? SystemBusySeconds()
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
