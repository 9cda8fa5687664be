namespace Identities.Clients.Tests.Support;

/// <summary>One real stack for every test of the clients that needs one (starting a stack costs the models' load).</summary>
[CollectionDefinition(Name)]
public sealed class ClientsCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "clients";
}
