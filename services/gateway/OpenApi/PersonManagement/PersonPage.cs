using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>One page of GET /api/v1/persons.</summary>
[Description("One page of persons, in creation order.")]
public sealed record PersonPage(
    [property: Description("The persons of this page.")] IReadOnlyList<PersonResource> Persons,
    [property: Description("Pass as pageToken for the next page; empty on the last page.")] string NextPageToken);
