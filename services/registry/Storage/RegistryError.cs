namespace Identities.Registry.Storage;

public enum RegistryErrorKind
{
    InvalidArgument,
    NotFound,
    AlreadyExists,
    Unavailable,
}

/// <summary>A request the registry refuses, with the reason and, where useful, the existing id.</summary>
public sealed class RegistryException(
    RegistryErrorKind kind, string reason, string message, string? existingId = null, string? field = null)
    : Exception(message)
{
    public RegistryErrorKind Kind { get; } = kind;

    /// <summary>Stable machine-readable code, e.g. person_not_found, reference_exists.</summary>
    public string Reason { get; } = reason;

    /// <summary>The face that already holds a photo reference (reference_exists).</summary>
    public string? ExistingId { get; } = existingId;

    /// <summary>The request field at fault (invalid arguments).</summary>
    public string? Field { get; } = field;
}
