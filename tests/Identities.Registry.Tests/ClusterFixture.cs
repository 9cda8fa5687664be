using Identities.Testing;

namespace Identities.Registry.Tests;

/// <summary>One Redis Cluster (3 masters, 3 replicas) shared by every test class of <see cref="ClusterCollection"/>.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public RedisCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await RedisCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
