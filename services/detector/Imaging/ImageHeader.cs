namespace Identities.Detector.Imaging;

/// <summary>What an image's header says, read before any pixel is decoded.</summary>
public sealed record ImageHeader(ImageFormat Format, int Width, int Height)
{
    public long PixelCount => (long)Width * Height;
}
