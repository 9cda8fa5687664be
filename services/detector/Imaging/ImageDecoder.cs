using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Identities.Detector.Imaging;

/// <summary>Checks the header, then decodes to a BGR Mat with EXIF orientation applied.</summary>
public sealed class ImageDecoder(IOptions<DetectorOptions> options)
{
    private readonly DetectorOptions _options = options.Value;

    /// <summary>Decodes the image; the caller owns (and disposes) the returned Mat.</summary>
    public Mat Decode(ReadOnlySpan<byte> data)
    {
        var header = ImageHeaderReader.Read(data)
            ?? throw new ImageRejectedException("unsupported_format", "The image is not a JPEG, PNG, BMP or WebP file.");
        if (header.PixelCount > _options.MaxImagePixels)
        {
            throw new ImageRejectedException("too_many_pixels",
                $"The image is {header.Width}x{header.Height}; at most {_options.MaxImagePixels:N0} pixels are accepted.");
        }
        if (Math.Min(header.Width, header.Height) < _options.MinImageSide)
        {
            throw new ImageRejectedException("too_small",
                $"The image is {header.Width}x{header.Height}; each side must be at least {_options.MinImageSide} pixels.");
        }

        // IMREAD_COLOR applies the EXIF orientation tag (IMREAD_IGNORE_ORIENTATION is not set).
        var image = Cv2.ImDecode(data, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            throw new ImageRejectedException("undecodable", $"The {header.Format} image could not be decoded; it may be truncated or corrupt.");
        }
        return image;
    }
}
