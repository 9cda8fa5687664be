namespace Identities.Registry.Tests;

/// <summary>
/// Everything the registry sends as its ACL user is allowed: on the single server and on every node (masters and
/// replicas) of the cluster, where the user is set node by node.
/// </summary>
[Collection(RegistryDeploymentsCollection.Name)]
public sealed class RegistryAclWorkloadTests(RegistryDeployments redis)
{
    [Theory, OnServerAndCluster]
    public async Task RegistryWorkload_AsItsAclUser_IsNeverDenied(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);

        await AclWorkload.RunAsync(host);

        Assert.Empty(await AclWorkload.DenialsAsync(redis[deployment].ConnectionString, host));
    }
}
