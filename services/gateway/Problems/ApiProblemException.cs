namespace Identities.Gateway.Problems;

/// <summary>
/// A failure to answer as RFC 7807 problem+json: HTTP status, a stable machine-readable code, and the
/// request field at fault where there is one.
/// </summary>
public sealed class ApiProblemException(int status, string code, string title, string detail, string? field = null)
    : Exception(detail)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Title { get; } = title;

    public string? Field { get; } = field;

    /// <summary>Sent as Retry-After (seconds); 503s without one get the configured default.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>Extra members of the problem document (e.g. existingFaceId).</summary>
    public Dictionary<string, object?> Extensions { get; } = [];

    public static ApiProblemException BadRequest(string code, string detail, string? field) =>
        new(StatusCodes.Status400BadRequest, code, "The request is invalid.", detail, field);

    /// <summary>The contract answers rejected images with 500; the code says why.</summary>
    public static ApiProblemException ImageRejected(string code, string detail, string? field) =>
        new(StatusCodes.Status500InternalServerError, code, "The image was rejected.", detail, field);
}
