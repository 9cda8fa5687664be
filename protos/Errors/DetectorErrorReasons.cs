namespace Identities.Contracts.Errors;

/// <summary>
/// <c>ErrorInfo.reason</c> values of the detector (domain <see cref="ErrorDomains.Detector"/>), sent with
/// INVALID_ARGUMENT and a <c>BadRequest</c> field violation naming <c>image</c>.
/// </summary>
public static class DetectorErrorReasons
{
    /// <summary>The image has no bytes.</summary>
    public const string Empty = "empty";

    /// <summary>The bytes are not a JPEG, PNG, BMP or WebP file.</summary>
    public const string UnsupportedFormat = "unsupported_format";

    /// <summary>The header declares more pixels than the detector's limit (refused before decoding).</summary>
    public const string TooManyPixels = "too_many_pixels";

    /// <summary>The image is smaller than the smallest face the detector can find.</summary>
    public const string TooSmall = "too_small";

    /// <summary>The header is valid but the image cannot be decoded (truncated or corrupt).</summary>
    public const string Undecodable = "undecodable";

    /// <summary>The image holds more faces than the detector answers per image (Detector:MaxFacesPerImage): refused whole, not answered in part.</summary>
    public const string TooManyFaces = "too_many_faces";
}
