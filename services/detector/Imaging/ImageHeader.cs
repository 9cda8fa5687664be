namespace Identities.Detector.Imaging;

/// <summary>
/// What an image's header says, read before any pixel is decoded. <see cref="Orientation"/> is the JPEG's
/// EXIF orientation (1-8, 1 when absent); 5-8 turn the image a quarter, so its upright sides swap.
/// </summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height, int Orientation = 1)
{
    public long PixelCount => (long)Width * Height;

    /// <summary>Width once the EXIF orientation is applied, as the decoder applies it.</summary>
    public int UprightWidth => Orientation >= 5 ? Height : Width;

    public int UprightHeight => Orientation >= 5 ? Width : Height;
}
