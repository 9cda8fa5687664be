using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>A replacement tag list (wrapped, so that "not set" and "empty" differ).</summary>
[Description("A replacement tag list; empty clears the tags.")]
public sealed record TagValues([property: Description("The tags.")] IReadOnlyList<string> Values);
