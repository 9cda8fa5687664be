using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>Body of PATCH /api/v1/persons/{personId}.</summary>
[Description("What to change; each part only when present. An empty list or map clears it.")]
public sealed record PersonChanges(
    [property: Description("The new display name.")] string? Name = null,
    [property: Description("The new tags.")] TagValues? Tags = null,
    [property: Description("The new attributes.")] AttributeValues? Attributes = null);
