using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>Shared photos as the REST contract carries them: base64.</summary>
public static class Images
{
    /// <summary>Three photos of one person (img1, img10, img11) and one of someone never enrolled (img29).</summary>
    public const string PersonA1 = "img1.jpg";
    public const string PersonA2 = "img10.jpg";
    public const string PersonA3 = "img11.jpg";
    public const string Stranger = "img29.jpg";

    public static string Base64(string file) => Convert.ToBase64String(SharedFaces.Read(file));
}
