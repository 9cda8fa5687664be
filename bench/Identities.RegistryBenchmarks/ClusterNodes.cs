using Identities.Testing;
using StackExchange.Redis;

namespace Identities.RegistryBenchmarks;

/// <summary>Redis's own accounting on every node of a cluster (<see cref="RedisInfo"/>), masters and replicas apart.</summary>
internal sealed class ClusterNodes(IConnectionMultiplexer connection)
{
    /// <summary>CPU seconds (user + sys, all threads) of the masters and of the replicas.</summary>
    public async Task<(double Masters, double Replicas)> CpuAsync()
    {
        double masters = 0, replicas = 0;
        foreach (var node in connection.GetServers().Where(s => s.IsConnected))
        {
            var cpu = (await RedisInfo.CpuAsync(node)).Total;
            if (node.IsReplica)
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
        foreach (var node in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            total += await RedisInfo.UsedMemoryAsync(node);
        }
        return total;
    }
}
