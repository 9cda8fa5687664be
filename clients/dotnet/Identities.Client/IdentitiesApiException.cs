using System.Net;
using System.Text.Json;

namespace Identities.Client;

/// <summary>
/// The service answered with an error: its HTTP status and, from the RFC 7807 problem+json body, the stable
/// <see cref="Code"/> to switch on and the request <see cref="Field"/> at fault. Network failures surface as
/// <see cref="HttpRequestException"/> and cancellation as <see cref="OperationCanceledException"/>.
/// </summary>
public sealed class IdentitiesApiException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="code">The problem's <c>code</c>, or null when the body was not problem+json.</param>
    /// <param name="field">The problem's <c>field</c>, when it names one.</param>
    /// <param name="title">The problem's <c>title</c>.</param>
    /// <param name="detail">The problem's <c>detail</c>, or the start of a body that was not problem+json.</param>
    /// <param name="extensions">Every member of the problem document.</param>
    /// <param name="retryAfter">The answer's Retry-After, when it had one.</param>
    public IdentitiesApiException(HttpStatusCode statusCode, string? code, string? field, string? title, string? detail,
        IReadOnlyDictionary<string, JsonElement>? extensions = null, TimeSpan? retryAfter = null)
        : base(FormatMessage(statusCode, code, field, title, detail))
    {
        StatusCode = statusCode;
        Code = code;
        Field = field;
        Title = title;
        Detail = detail;
        Extensions = extensions ?? new Dictionary<string, JsonElement>();
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the answer, e.g. 400, 404, 409, 500 (image rejected) or 503.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The stable machine-readable code (e.g. <c>no_face</c>, <c>reference_exists</c>); null when the body was not problem+json.</summary>
    public string? Code { get; }

    /// <summary>The request field at fault (e.g. <c>faceImage</c>, <c>personId</c>), when there is one.</summary>
    public string? Field { get; }

    /// <summary>The problem's short title.</summary>
    public string? Title { get; }

    /// <summary>What went wrong, for people.</summary>
    public string? Detail { get; }

    /// <summary>Every member of the problem document, for codes that carry more (e.g. <c>existingFaceId</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; }

    /// <summary>How long the service asked to wait before trying again (429 and 503), when it said.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>With <c>reference_exists</c> (409): the face that already holds the photo reference.</summary>
    public Guid? ExistingFaceId =>
        Extensions.TryGetValue("existingFaceId", out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : null;

    private static string FormatMessage(HttpStatusCode statusCode, string? code, string? field, string? title, string? detail) =>
        $"{(int)statusCode} {code ?? statusCode.ToString()}{(field is null ? "" : $" ({field})")}: {detail ?? title ?? "the service refused the request"}";
}
