namespace Identities.Registry.Tests;

/// <summary>The registry's integration suites: they share one <see cref="RegistryDeployments"/> and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RegistryDeploymentsCollection : ICollectionFixture<RegistryDeployments>
{
    public const string Name = "Redis server and cluster";
}
