using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>A person as Person Management answers it (the registry's Person message in proto3 JSON).</summary>
[Description("An enrolled person.")]
public sealed record PersonResource(
    [property: Description("The person's id (GUID).")] Guid PersonId,
    [property: Description("Display name; empty when never set.")] string Name,
    [property: Description("Free labels.")] IReadOnlyList<string> Tags,
    [property: Description("Free key/value pairs.")] IReadOnlyDictionary<string, string> Attributes,
    [property: Description("When the person was created.")] DateTimeOffset CreatedAt,
    [property: Description("When the person was last changed.")] DateTimeOffset UpdatedAt,
    [property: Description("How many faces the person has.")] int FaceCount);
