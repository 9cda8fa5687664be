namespace Identities.Registry.Tests;

/// <summary>Which Redis of <see cref="RegistryDeployments"/> a registry integration test runs against.</summary>
public enum Deployment
{
    /// <summary>One Redis server (the local stack's default).</summary>
    Server,

    /// <summary>A Redis Cluster of 3 masters and 3 replicas on loopback.</summary>
    Cluster,
}
