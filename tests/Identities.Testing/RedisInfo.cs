using System.Globalization;
using StackExchange.Redis;

namespace Identities.Testing;

/// <summary>
/// What a test or benchmark reads of a Redis server's own accounting (INFO): CPU, memory, version. Takes an
/// administrator's connection (INFO is outside the registry's ACL user).
/// </summary>
public static class RedisInfo
{
    /// <summary>One INFO section as name/value pairs.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(IDatabase admin, string section)
    {
        var text = (string)(await admin.ExecuteAsync("INFO", section))!;
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith('#'))
            {
                info[line[..colon]] = line[(colon + 1)..];
            }
        }
        return info;
    }

    /// <summary>CPU seconds so far: the whole process (all threads, VSIM's workers included) and its main thread.</summary>
    public static async Task<RedisCpu> CpuAsync(IDatabase admin)
    {
        var info = await ReadAsync(admin, "cpu");
        double Get(string name) => double.Parse(info[name], CultureInfo.InvariantCulture);
        return new RedisCpu(Get("used_cpu_sys") + Get("used_cpu_user"), Get("used_cpu_sys_main_thread") + Get("used_cpu_user_main_thread"));
    }

    /// <summary>used_memory: bytes Redis's allocator holds for data and overhead.</summary>
    public static async Task<long> UsedMemoryAsync(IDatabase admin) =>
        long.Parse((await ReadAsync(admin, "memory"))["used_memory"], CultureInfo.InvariantCulture);

    public static async Task<string> VersionAsync(IDatabase admin) => (await ReadAsync(admin, "server"))["redis_version"];
}
