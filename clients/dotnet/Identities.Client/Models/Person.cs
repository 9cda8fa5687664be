namespace Identities.Client;

/// <summary>An enrolled person.</summary>
public sealed class Person
{
    /// <summary>The person's id.</summary>
    public Guid PersonId { get; init; }

    /// <summary>Display name; empty when never set.</summary>
    public string Name { get; init; } = "";

    /// <summary>Free labels.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Free key/value pairs.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>When the person was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the person was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>How many faces the person has.</summary>
    public int FaceCount { get; init; }
}
