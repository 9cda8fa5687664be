namespace Identities.Detector.Imaging;

/// <summary>The caller's image cannot be used; <see cref="Reason"/> is a stable machine-readable code.</summary>
public sealed class ImageRejectedException(string reason, string message) : Exception(message)
{
    /// <summary>unsupported_format, too_many_pixels, too_small, undecodable or too_many_faces.</summary>
    public string Reason { get; } = reason;
}
