namespace Identities.Detector.Imaging;

public enum ImageFormat
{
    Jpeg,
    Png,
    Bmp,
    WebP,
}
