namespace Identities.Registry.Tests;

/// <summary>On the cluster the registry's user is set on every node; what the registry sends there is never denied.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RedisAclClusterTests(ClusterFixture redis)
{
    [Fact]
    public async Task RegistryWorkload_AsItsAclUserOnEveryNode_IsNeverDenied()
    {
        await using var host = RegistryHost.Start(redis.Cluster);

        await AclWorkload.RunAsync(host);

        Assert.Empty(await AclWorkload.DenialsAsync(redis.Cluster.ConnectionString, host));
    }
}
