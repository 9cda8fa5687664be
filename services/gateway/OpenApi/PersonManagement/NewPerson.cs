using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>Body of POST /api/v1/persons.</summary>
[Description("A person to create without faces.")]
public sealed record NewPerson(
    [property: Description("Display name, up to 1024 characters.")] string? Name = null,
    [property: Description("At most 64 tags of 1..128 characters.")] IReadOnlyList<string>? Tags = null,
    [property: Description("At most 64 pairs: keys 1..128 characters, values up to 1024.")] IReadOnlyDictionary<string, string>? Attributes = null);
