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
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(IDatabase admin, string section) =>
        Parse((string)(await admin.ExecuteAsync("INFO", section))!);

    /// <summary>One INFO section of one node (a cluster's master or replica), as name/value pairs.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(IServer node, string section) =>
        Parse((string)(await node.ExecuteAsync("INFO", section))!);

    /// <summary>CPU seconds so far: the whole process (all threads, VSIM's workers included) and its main thread.</summary>
    public static async Task<RedisCpu> CpuAsync(IDatabase admin) => Cpu(await ReadAsync(admin, "cpu"));

    /// <inheritdoc cref="CpuAsync(IDatabase)"/>
    public static async Task<RedisCpu> CpuAsync(IServer node) => Cpu(await ReadAsync(node, "cpu"));

    /// <summary>used_memory: bytes Redis's allocator holds for data and overhead.</summary>
    public static async Task<long> UsedMemoryAsync(IDatabase admin) => UsedMemory(await ReadAsync(admin, "memory"));

    /// <inheritdoc cref="UsedMemoryAsync(IDatabase)"/>
    public static async Task<long> UsedMemoryAsync(IServer node) => UsedMemory(await ReadAsync(node, "memory"));

    public static async Task<string> VersionAsync(IDatabase admin) => (await ReadAsync(admin, "server"))["redis_version"];

    private static Dictionary<string, string> Parse(string text)
    {
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

    private static RedisCpu Cpu(IReadOnlyDictionary<string, string> info)
    {
        double Get(string name) => double.Parse(info[name], CultureInfo.InvariantCulture);
        return new RedisCpu(Get("used_cpu_sys") + Get("used_cpu_user"), Get("used_cpu_sys_main_thread") + Get("used_cpu_user_main_thread"));
    }

    private static long UsedMemory(IReadOnlyDictionary<string, string> info) => long.Parse(info["used_memory"], CultureInfo.InvariantCulture);
}
