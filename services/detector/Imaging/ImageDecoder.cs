using Identities.Contracts.Errors;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Identities.Detector.Imaging;

/// <summary>Checks the header, then decodes to a BGR Mat with EXIF orientation applied, JPEGs optionally smaller.</summary>
public sealed class ImageDecoder(IOptions<DetectorOptions> options)
{
    private readonly DetectorOptions _options = options.Value;

    /// <summary>The header, refused when the format is unknown or the size is outside the limits.</summary>
    public ImageHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        var header = ImageHeaderReader.Read(data)
            ?? throw new ImageRejectedException(DetectorErrorReasons.UnsupportedFormat, "The image is not a JPEG, PNG, BMP or WebP file.");
        if (header.PixelCount > _options.MaxImagePixels)
        {
            throw new ImageRejectedException(DetectorErrorReasons.TooManyPixels,
                $"The image is {header.Width}x{header.Height}; at most {_options.MaxImagePixels:N0} pixels are accepted.");
        }
        if (Math.Min(header.Width, header.Height) < _options.MinImageSide)
        {
            throw new ImageRejectedException(DetectorErrorReasons.TooSmall,
                $"The image is {header.Width}x{header.Height}; each side must be at least {_options.MinImageSide} pixels.");
        }
        return header;
    }

    /// <summary>Decodes the image at full size; the caller owns (and disposes) the returned Mat.</summary>
    public Mat Decode(ReadOnlySpan<byte> data) => DecodeMat(data, ReadHeader(data), ImreadModes.Color);

    /// <summary>
    /// Decodes a JPEG <paramref name="reduction"/> times smaller (1, 2, 4 or 8) by libjpeg's DCT scaling, which
    /// skips most of the work; other formats, and a JPEG whose decoded size is not what the header promised,
    /// are decoded at full size.
    /// </summary>
    public DecodedImage Decode(ReadOnlySpan<byte> data, ImageHeader header, int reduction)
    {
        var mode = header.Format != ImageFormat.Jpeg ? ImreadModes.Color : reduction switch
        {
            2 => ImreadModes.ReducedColor2,
            4 => ImreadModes.ReducedColor4,
            8 => ImreadModes.ReducedColor8,
            _ => ImreadModes.Color,
        };
        var image = DecodeMat(data, header, mode);
        if (mode == ImreadModes.Color)
        {
            return new DecodedImage(image, 1, image.Cols, image.Rows);
        }
        // IMREAD_REDUCED_* also applies the EXIF orientation; the header's reading of it must agree, or
        // coordinates could not be mapped back, so anything unexpected falls back to the full decode.
        if (image.Cols == DivideRoundingUp(header.UprightWidth, reduction) && image.Rows == DivideRoundingUp(header.UprightHeight, reduction))
        {
            return new DecodedImage(image, reduction, header.UprightWidth, header.UprightHeight);
        }
        image.Dispose();
        return Decode(data, header, 1);
    }

    private static Mat DecodeMat(ReadOnlySpan<byte> data, ImageHeader header, ImreadModes mode)
    {
        // IMREAD_COLOR applies the EXIF orientation tag (IMREAD_IGNORE_ORIENTATION is not set).
        var image = Cv2.ImDecode(data, mode);
        if (image.Empty())
        {
            image.Dispose();
            throw new ImageRejectedException(DetectorErrorReasons.Undecodable, $"The {header.Format} image could not be decoded; it may be truncated or corrupt.");
        }
        return image;
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;
}
