namespace Identities.Client.Internal;

/// <summary>PATCH /api/v1/persons/{id} body: tags and attributes wrapped, so that "absent" and "empty" differ.</summary>
internal sealed record PersonUpdateBody(string? Name, TagValuesBody? Tags, AttributeValuesBody? Attributes);
