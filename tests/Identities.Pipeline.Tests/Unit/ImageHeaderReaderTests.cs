using System.Buffers.Binary;
using System.Text;
using Identities.Detector.Imaging;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class ImageHeaderReaderTests
{
    private const int Width = 123;
    private const int Height = 45;

    [Theory]
    [InlineData(".jpg", ImageFormat.Jpeg)]
    [InlineData(".png", ImageFormat.Png)]
    [InlineData(".bmp", ImageFormat.Bmp)]
    public void Read_EncodedImage_ReturnsFormatAndSize(string extension, ImageFormat format)
    {
        var bytes = Encode(extension, channels: 3);

        var header = ImageHeaderReader.Read(bytes);

        Assert.Equal(new ImageHeader(format, Width, Height), header);
    }

    [Fact]
    public void Read_ProgressiveJpeg_ReturnsSizeFromSof2()
    {
        var bytes = Encode(".jpg", channels: 3, new ImageEncodingParam(ImwriteFlags.JpegProgressive, 1));

        var header = ImageHeaderReader.Read(bytes);

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, Width, Height), header);
    }

    [Fact]
    public void Read_GreyPng_ReturnsFormatAndSize()
    {
        var bytes = Encode(".png", channels: 1);

        Assert.Equal(new ImageHeader(ImageFormat.Png, Width, Height), ImageHeaderReader.Read(bytes));
    }

    [SkippableFact]
    public void Read_LossyWebP_ReturnsSizeFromVp8Chunk()
    {
        var bytes = EncodeWebP(channels: 3, quality: 80);
        Assert.Equal("VP8 ", Encoding.ASCII.GetString(bytes, 12, 4));

        Assert.Equal(new ImageHeader(ImageFormat.WebP, Width, Height), ImageHeaderReader.Read(bytes));
    }

    [SkippableFact]
    public void Read_LosslessWebP_ReturnsSizeFromVp8lChunk()
    {
        // OpenCV writes lossless WebP for a quality above 100.
        var bytes = EncodeWebP(channels: 3, quality: 101);
        Assert.Equal("VP8L", Encoding.ASCII.GetString(bytes, 12, 4));

        Assert.Equal(new ImageHeader(ImageFormat.WebP, Width, Height), ImageHeaderReader.Read(bytes));
    }

    [Fact]
    public void Read_ExtendedWebPHeader_ReturnsCanvasSizeFromVp8xChunk()
    {
        // RIFF, size, WEBP, "VP8X", chunk size 10, flags + 3 reserved, canvas width - 1 and height - 1 (24 bits each).
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 22);
        "WEBP"u8.CopyTo(bytes.AsSpan(8));
        "VP8X"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 10);
        bytes[20] = 0x10; // alpha flag
        WriteUInt24LittleEndian(bytes.AsSpan(24), 70000 - 1);
        WriteUInt24LittleEndian(bytes.AsSpan(27), Height - 1);

        Assert.Equal(new ImageHeader(ImageFormat.WebP, 70000, Height), ImageHeaderReader.Read(bytes));
    }

    [Theory]
    [InlineData(6, 1)]
    [InlineData(8, 1)]
    [InlineData(3, 0)]
    public void Read_JpegWithExifOrientation_ReturnsOrientationAndUprightSize(ushort orientation, int swapped)
    {
        var bytes = Pipeline.Tests.Support.TestImages.WithExifOrientation(Encode(".jpg", channels: 3), orientation);

        var header = ImageHeaderReader.Read(bytes);

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, Width, Height, orientation), header);
        Assert.Equal(swapped == 1 ? (Height, Width) : (Width, Height), (header!.UprightWidth, header.UprightHeight));
    }

    [Fact]
    public void Read_JpegWithBigEndianExifOrientation_ReturnsOrientation()
    {
        // "Exif\0\0", then a big-endian TIFF header, IFD0 at 8 with one entry: Orientation (SHORT) = 6.
        byte[] payload =
        [
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08,
            0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00,
        ];
        var jpeg = Encode(".jpg", channels: 3);
        byte[] segment = [0xFF, 0xE1, 0x00, (byte)(payload.Length + 2), .. payload];

        var header = ImageHeaderReader.Read([.. jpeg[..2], .. segment, .. jpeg[2..]]);

        Assert.Equal(6, header!.Orientation);
    }

    [Fact]
    public void Read_TopDownBmp_ReturnsPositiveHeight()
    {
        var bytes = Encode(".bmp", channels: 3);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), -Height);

        Assert.Equal(new ImageHeader(ImageFormat.Bmp, Width, Height), ImageHeaderReader.Read(bytes));
    }

    [Fact]
    public void Read_BmpWithHeightIntMinValue_ReturnsNull()
    {
        // -2^31 has no positive counterpart: Math.Abs threw OverflowException, a 500 for a 26-byte request.
        var bytes = Encode(".bmp", channels: 3);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), int.MinValue);

        Assert.Null(ImageHeaderReader.Read(bytes));
    }

    [Fact]
    public void Read_Os2BitmapCoreHeader_ReadsSixteenBitSize()
    {
        // BITMAPFILEHEADER (14 bytes), then a 12-byte BITMAPCOREHEADER with 16-bit width and height.
        var bytes = new byte[26];
        bytes[0] = (byte)'B';
        bytes[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 12);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(18), Width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), Height);

        Assert.Equal(new ImageHeader(ImageFormat.Bmp, Width, Height), ImageHeaderReader.Read(bytes));
    }

    [Fact]
    public void Read_PngHeaderOfHugeImage_ReportsSizeWithoutDecoding()
    {
        var bytes = Encode(".png", channels: 3)[..26];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 100_000);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), 80_000);

        var header = ImageHeaderReader.Read(bytes);

        Assert.Equal(new ImageHeader(ImageFormat.Png, 100_000, 80_000), header);
        Assert.Equal(8_000_000_000L, header!.PixelCount);
    }

    [Fact]
    public void Read_PngWithZeroWidth_ReturnsNull()
    {
        var bytes = Encode(".png", channels: 3);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), 0);

        Assert.Null(ImageHeaderReader.Read(bytes));
    }

    [Fact]
    public void Read_RandomBytes_ReturnsNull()
    {
        var bytes = new byte[1024];
        new Random(1234).NextBytes(bytes);
        bytes[0] = 0x00; // No signature starts with 0.

        Assert.Null(ImageHeaderReader.Read(bytes));
    }

    [Fact]
    public void Read_Empty_ReturnsNull()
    {
        Assert.Null(ImageHeaderReader.Read([]));
    }

    [Theory]
    [InlineData(".jpg")]
    [InlineData(".png")]
    [InlineData(".bmp")]
    public void Read_FirstTenBytes_ReturnsNull(string extension)
    {
        var bytes = Encode(extension, channels: 3);

        Assert.Null(ImageHeaderReader.Read(bytes.AsSpan(0, 10)));
    }

    [SkippableFact]
    public void Read_FirstTenBytesOfWebP_ReturnsNull()
    {
        var bytes = EncodeWebP(channels: 3, quality: 80);

        Assert.Null(ImageHeaderReader.Read(bytes.AsSpan(0, 10)));
    }

    [Fact]
    public void Read_JpegCutBeforeFrameHeader_ReturnsNull()
    {
        var bytes = Encode(".jpg", channels: 3);

        // 40 bytes hold SOI, APP0 and the start of a table, not the SOF marker.
        Assert.Null(ImageHeaderReader.Read(bytes.AsSpan(0, 40)));
    }

    [Fact]
    public void Read_JpegWithBrokenMarker_ReturnsNull()
    {
        var bytes = Encode(".jpg", channels: 3);
        bytes[2] = 0x00; // the first marker after SOI no longer starts with 0xFF

        Assert.Null(ImageHeaderReader.Read(bytes));
    }

    private static byte[] Encode(string extension, int channels, params ImageEncodingParam[] parameters)
    {
        using var image = new Mat(Height, Width, MatType.CV_8UC(channels));
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        Cv2.ImEncode(extension, image, out var bytes, parameters);
        Assert.NotEmpty(bytes);
        return bytes;
    }

    private static byte[] EncodeWebP(int channels, int quality)
    {
        try
        {
            return Encode(".webp", channels, new ImageEncodingParam(ImwriteFlags.WebPQuality, quality));
        }
        catch (OpenCVException e)
        {
            throw new SkipException($"This OpenCV build cannot encode WebP: {e.Message}");
        }
    }

    private static void WriteUInt24LittleEndian(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
