using System.Globalization;
using System.Text.Json;

namespace Identities.Registry.Storage;

/// <summary>How lists, maps, boxes and times are written into Redis hash fields.</summary>
public static class StoredJson
{
    public static string Tags(IReadOnlyList<string>? tags) => JsonSerializer.Serialize(tags ?? []);

    public static string Attributes(IReadOnlyDictionary<string, string>? attributes) =>
        JsonSerializer.Serialize(attributes ?? new Dictionary<string, string>());

    public static string Box(BoxRecord box) => JsonSerializer.Serialize(box);

    public static IReadOnlyList<string> ReadTags(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<string>>(json) ?? [];

    public static IReadOnlyDictionary<string, string> ReadAttributes(string? json) =>
        string.IsNullOrEmpty(json) ? new Dictionary<string, string>() : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static BoxRecord ReadBox(string? json) =>
        string.IsNullOrEmpty(json) ? new BoxRecord(0, 0, 0, 0) : JsonSerializer.Deserialize<BoxRecord>(json) ?? new BoxRecord(0, 0, 0, 0);

    public static string Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default;
}
