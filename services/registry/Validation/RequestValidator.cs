using Identities.Contracts.Errors;
using Identities.Registry.Storage;

namespace Identities.Registry.Validation;

/// <summary>Checks ids, vectors and texts before anything touches Redis; each failure names its field.</summary>
public static class RequestValidator
{
    public const int MaxDimension = 4096;
    public const int MaxReferenceLength = 256;
    public const int MaxTextLength = 1024;
    public const int MaxTags = 64;
    public const int MaxAttributes = 64;

    /// <summary>A GUID in its canonical lower-case form (how the registry issues ids).</summary>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrEmpty(value) || !Guid.TryParse(value, out var id))
        {
            throw Invalid(field, RegistryErrorReasons.MalformedId, $"{field} must be a GUID, not '{Truncate(value)}'.");
        }
        return id.ToString();
    }

    public static float[] Vector(IReadOnlyList<float> vector, string field)
    {
        if (vector.Count is 0 or > MaxDimension)
        {
            throw Invalid(field, RegistryErrorReasons.InvalidVector, $"{field} must have 1..{MaxDimension} values, not {vector.Count}.");
        }
        for (var i = 0; i < vector.Count; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw Invalid(field, RegistryErrorReasons.InvalidVector, $"{field}[{i}] is {vector[i]}; vectors must be finite.");
            }
        }
        return [.. vector];
    }

    public static string ModelId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw Invalid("model_id", RegistryErrorReasons.InvalidModelId, "model_id must be 1..128 letters, digits, '-', '_' or '.'.");
        }
        return value;
    }

    /// <summary>Photo reference ids are the caller's: any printable text up to 256 characters, or empty.</summary>
    public static string Reference(string? value, string field, bool required)
    {
        value ??= "";
        if ((required && value.Length == 0) || value.Length > MaxReferenceLength || value.Any(char.IsControl))
        {
            throw Invalid(field, RegistryErrorReasons.InvalidReference, $"{field} must be {(required ? "1" : "0")}..{MaxReferenceLength} printable characters.");
        }
        return value;
    }

    public static string Text(string? value, string field)
    {
        value ??= "";
        if (value.Length > MaxTextLength)
        {
            throw Invalid(field, RegistryErrorReasons.TextTooLong, $"{field} is longer than {MaxTextLength} characters.");
        }
        return value;
    }

    public static IReadOnlyList<string> Tags(IReadOnlyList<string> tags, string field)
    {
        if (tags.Count > MaxTags || tags.Any(t => t.Length is 0 or > 128))
        {
            throw Invalid(field, RegistryErrorReasons.InvalidTags, $"{field}: at most {MaxTags} tags of 1..128 characters.");
        }
        return [.. tags.Distinct(StringComparer.Ordinal)];
    }

    public static IReadOnlyDictionary<string, string> Attributes(IReadOnlyDictionary<string, string> attributes, string field)
    {
        if (attributes.Count > MaxAttributes || attributes.Any(a => a.Key.Length is 0 or > 128 || a.Value.Length > MaxTextLength))
        {
            throw Invalid(field, RegistryErrorReasons.InvalidAttributes, $"{field}: at most {MaxAttributes} attributes, keys 1..128 and values up to {MaxTextLength} characters.");
        }
        return new Dictionary<string, string>(attributes);
    }

    public static RegistryException Invalid(string field, string reason, string message) =>
        new(RegistryErrorKind.InvalidArgument, reason, message, field: field);

    private static string Truncate(string? value) => value is { Length: > 40 } ? value[..40] + "…" : value ?? "";
}
