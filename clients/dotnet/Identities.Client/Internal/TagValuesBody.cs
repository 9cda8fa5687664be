namespace Identities.Client.Internal;

/// <summary>A replacement tag list.</summary>
internal sealed record TagValuesBody(IReadOnlyList<string> Values);
