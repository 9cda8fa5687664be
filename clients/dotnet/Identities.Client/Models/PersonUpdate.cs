namespace Identities.Client;

/// <summary>Changes to a person: each part that is not null replaces the stored one; an empty list or map clears it.</summary>
public sealed class PersonUpdate
{
    /// <summary>The new display name; null leaves it.</summary>
    public string? Name { get; set; }

    /// <summary>The new tags; null leaves them, empty clears them.</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>The new attributes; null leaves them, empty clears them.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; set; }
}
