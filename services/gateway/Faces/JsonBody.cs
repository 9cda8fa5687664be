using System.Text.Json;
using Identities.Gateway.Problems;

namespace Identities.Gateway.Faces;

/// <summary>
/// Reads a JSON body so that every malformation gets a 400 naming its field: bad JSON, bad base64 (the
/// JSON path says which image), a missing image. Bodies over the limit surface as 413 from Kestrel.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiProblemException.BadRequest(ProblemCodes.InvalidJson, "Send the body as application/json.", null);
        }
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancellationToken)
                ?? throw ApiProblemException.BadRequest(ProblemCodes.InvalidJson, "The body is empty or null.", null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : null;
            var base64 = ex.InnerException is FormatException || (ex.Message.Contains("base 64", StringComparison.OrdinalIgnoreCase) && field is not null);
            throw base64
                ? ApiProblemException.BadRequest(ProblemCodes.InvalidBase64, $"{field} is not valid base64.", field)
                : ApiProblemException.BadRequest(ProblemCodes.InvalidJson, $"The body is not valid JSON{(field is null ? "" : $" at {field}")}.", field);
        }
    }

    public static byte[] Required(byte[]? value, string field) =>
        value is { Length: > 0 } ? value : throw ApiProblemException.BadRequest(ProblemCodes.MissingField, $"{field} is required (base64 image).", field);
}
