namespace Identities.Client.Internal;

/// <summary>A replacement attribute map.</summary>
internal sealed record AttributeValuesBody(IReadOnlyDictionary<string, string> Values);
