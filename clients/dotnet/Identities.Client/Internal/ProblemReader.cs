using System.Text.Json;

namespace Identities.Client.Internal;

/// <summary>Turns an error answer into an <see cref="IdentitiesApiException"/>, reading problem+json where it is one.</summary>
internal static class ProblemReader
{
    private const int MaxBodyChars = 2000;

    public static async Task<IdentitiesApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var retryAfter = RetryAfter(response);
        Dictionary<string, JsonElement>? members = null;
        try
        {
            members = body.Length == 0 ? null : JsonSerializer.Deserialize(body, IdentitiesJsonContext.Default.DictionaryStringJsonElement);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page, say): keep its start as the detail.
        }
        if (members is null)
        {
            return new IdentitiesApiException(response.StatusCode, null, null, response.ReasonPhrase,
                body.Length > MaxBodyChars ? body[..MaxBodyChars] : body, null, retryAfter);
        }
        return new IdentitiesApiException(response.StatusCode, Text(members, "code"), Text(members, "field"), Text(members, "title"),
            Text(members, "detail"), members, retryAfter);
    }

    private static string? Text(Dictionary<string, JsonElement> members, string name) =>
        members.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
