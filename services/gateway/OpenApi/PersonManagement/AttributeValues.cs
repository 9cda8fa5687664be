using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>A replacement attribute map (wrapped, so that "not set" and "empty" differ).</summary>
[Description("A replacement attribute map; empty clears the attributes.")]
public sealed record AttributeValues([property: Description("The attributes.")] IReadOnlyDictionary<string, string> Values);
