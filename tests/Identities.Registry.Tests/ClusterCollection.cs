namespace Identities.Registry.Tests;

/// <summary>The test classes that share one cluster (they run one after another; each uses its own key prefix).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Redis Cluster";
}
