namespace Identities.Client;

/// <summary>One page of persons, in creation order.</summary>
public sealed class PersonPage
{
    /// <summary>The persons of this page.</summary>
    public IReadOnlyList<Person> Persons { get; init; } = [];

    /// <summary>Pass to <see cref="IdentityDbSdk.ListPersonsPageAsync"/> for the next page; empty on the last page.</summary>
    public string NextPageToken { get; init; } = "";
}
