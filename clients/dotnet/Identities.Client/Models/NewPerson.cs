namespace Identities.Client;

/// <summary>A person to create without faces (faceEnroll without personId creates one with its first face).</summary>
public sealed class NewPerson
{
    /// <summary>Display name, up to 1024 characters.</summary>
    public string? Name { get; set; }

    /// <summary>At most 64 tags of 1..128 characters.</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>At most 64 pairs: keys 1..128 characters, values up to 1024.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; set; }
}
