using System.Globalization;
using System.Runtime.InteropServices;

namespace Identities.BenchCommon;

/// <summary>What a benchmark's header says about the machine it ran on (Linux /proc; placeholders elsewhere).</summary>
public static class MachineInfo
{
    /// <summary>The benchmark's build configuration, with a warning when it is not Release (Debug figures mean little).</summary>
    public static string BuildConfiguration() =>
        System.Reflection.Assembly.GetEntryAssembly()?.GetCustomAttributes(typeof(System.Reflection.AssemblyConfigurationAttribute), false)
            .OfType<System.Reflection.AssemblyConfigurationAttribute>().FirstOrDefault()?.Configuration is "Release"
            ? "Release"
            : "DEBUG (numbers are not representative; use -c Release)";

    public static string CpuModel()
    {
        try
        {
            var line = File.Exists("/proc/cpuinfo")
                ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                : null;
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    public static string MemoryTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return $"{kib / 1024.0 / 1024.0:F1} GiB";
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or FormatException)
        {
            return "unknown";
        }
    }
}
