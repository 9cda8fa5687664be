namespace Identities.Gateway.Problems;

/// <summary>The stable `code` values of problem responses (README lists what each means).</summary>
public static class ProblemCodes
{
    public const string InvalidJson = "invalid_json";
    public const string MissingField = "missing_field";
    public const string InvalidField = "invalid_field";
    public const string InvalidBase64 = "invalid_base64";
    public const string InvalidPersonId = "invalid_person_id";
    public const string InvalidReference = "invalid_reference";
    public const string InvalidQuery = "invalid_query";
    public const string BodyTooLarge = "body_too_large";
    public const string PersonNotFound = "person_not_found";
    public const string ReferenceExists = "reference_exists";
    public const string NoFace = "no_face";
    public const string MultipleFaces = "multiple_faces";
    public const string FaceTooSmall = "face_too_small";
    public const string LowQuality = "low_quality";
    public const string TooManyFaces = "too_many_faces";
    public const string ServiceUnavailable = "service_unavailable";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string TooManyAttempts = "too_many_attempts";
    public const string RateLimited = "rate_limited";
    public const string InternalError = "internal_error";
    public const string EmptyImage = "empty_image";
    public const string UnsupportedImageFormat = "unsupported_image_format";
    public const string ImageTooLarge = "image_too_large";
    public const string ImageTooSmall = "image_too_small";
    public const string UndecodableImage = "undecodable_image";
    public const string InvalidImage = "invalid_image";

    /// <summary>The codes of an image the detector refuses (400), for any request that carries one.</summary>
    public static readonly IReadOnlyList<string> ImageRefusals =
        [EmptyImage, UnsupportedImageFormat, ImageTooLarge, ImageTooSmall, UndecodableImage, InvalidImage, TooManyFaces];
}
