using System.Globalization;
using StackExchange.Redis;

namespace Identities.RegistryBenchmarks;

/// <summary>Redis's own accounting on every node of a cluster (INFO cpu and memory), masters and replicas apart.</summary>
internal sealed class ClusterNodes(IConnectionMultiplexer connection)
{
    /// <summary>CPU seconds (user + sys, all threads) of the masters and of the replicas.</summary>
    public async Task<(double Masters, double Replicas)> CpuAsync()
    {
        double masters = 0, replicas = 0;
        foreach (var server in connection.GetServers().Where(s => s.IsConnected))
        {
            var cpu = await ReadAsync(server, "cpu", "used_cpu_sys") + await ReadAsync(server, "cpu", "used_cpu_user");
            if (server.IsReplica)
            {
                replicas += cpu;
            }
            else
            {
                masters += cpu;
            }
        }
        return (masters, replicas);
    }

    /// <summary>used_memory summed over the masters (a replica holds a copy of its master's).</summary>
    public async Task<long> MasterMemoryAsync()
    {
        long total = 0;
        foreach (var server in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            total += (long)await ReadAsync(server, "memory", "used_memory");
        }
        return total;
    }

    private static async Task<double> ReadAsync(IServer server, string section, string name)
    {
        var info = await server.InfoAsync(section);
        var value = info.SelectMany(g => g).First(p => p.Key == name).Value;
        return double.Parse(value, CultureInfo.InvariantCulture);
    }
}
