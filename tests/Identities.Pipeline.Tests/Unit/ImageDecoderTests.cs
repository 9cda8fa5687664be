using Identities.Detector;
using Identities.Detector.Imaging;
using Identities.Pipeline.Tests.Support;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

/// <summary>ImageDecoder on synthetic images: reduced JPEG decoding, sizes and EXIF orientation.</summary>
public class ImageDecoderTests
{
    private readonly ImageDecoder _decoder = new(Options.Create(new DetectorOptions()));

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void Decode_JpegWithReduction_IsThatManyTimesSmallerAndKnowsTheOriginalSize(int reduction)
    {
        var jpeg = TestImages.Encode(Gradient(1001, 750), ".jpg");
        var header = _decoder.ReadHeader(jpeg);

        using var decoded = _decoder.Decode(jpeg, header, reduction);

        Assert.Equal(reduction, decoded.Reduction);
        Assert.Equal((DivideRoundingUp(1001, reduction), DivideRoundingUp(750, reduction)), (decoded.Image.Cols, decoded.Image.Rows));
        Assert.Equal((1001, 750), (decoded.Width, decoded.Height));
    }

    [Theory]
    [InlineData(".png")]
    [InlineData(".bmp")]
    public void Decode_OtherFormatWithReduction_IsFullSize(string extension)
    {
        var bytes = TestImages.Encode(Gradient(1001, 750), extension);

        using var decoded = _decoder.Decode(bytes, _decoder.ReadHeader(bytes), 4);

        Assert.Equal(1, decoded.Reduction);
        Assert.Equal((1001, 750), (decoded.Image.Cols, decoded.Image.Rows));
    }

    [Theory]
    [InlineData(6, RotateFlags.Rotate90Counterclockwise)]
    [InlineData(8, RotateFlags.Rotate90Clockwise)]
    [InlineData(3, RotateFlags.Rotate180)]
    public void Decode_ExifRotatedJpegWithReduction_IsUprightAndMatchesTheReducedUprightImage(ushort orientation, RotateFlags storedAs)
    {
        using var upright = Gradient(800, 600);
        using var stored = new Mat();
        Cv2.Rotate(upright, stored, storedAs);
        var jpeg = TestImages.WithExifOrientation(TestImages.Encode(stored, ".jpg"), orientation);
        var header = _decoder.ReadHeader(jpeg);

        using var decoded = _decoder.Decode(jpeg, header, 4);

        Assert.Equal(orientation, header.Orientation);
        Assert.Equal(4, decoded.Reduction);
        Assert.Equal((800, 600), (decoded.Width, decoded.Height));
        Assert.Equal((200, 150), (decoded.Image.Cols, decoded.Image.Rows));
        using var expected = new Mat();
        Cv2.Resize(upright, expected, new Size(200, 150), 0, 0, InterpolationFlags.Area);
        Assert.True(MeanAbsoluteDifference(expected, decoded.Image) < 4, "the reduced decode is not the upright image");
    }

    [Fact]
    public void Decode_WithoutReduction_MatchesTheFullDecode()
    {
        var jpeg = TestImages.Encode(Gradient(640, 480), ".jpg");

        using var full = _decoder.Decode(jpeg);
        using var decoded = _decoder.Decode(jpeg, _decoder.ReadHeader(jpeg), 1);

        Assert.Equal(1, decoded.Reduction);
        Assert.Equal(0, MeanAbsoluteDifference(full, decoded.Image));
    }

    /// <summary>Smooth gradients with a bright block off-centre, so a wrong turn shows in the pixels.</summary>
    private static Mat Gradient(int width, int height)
    {
        var image = new Mat(height, width, MatType.CV_8UC3);
        var pixels = image.AsSpan<Vec3b>();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var block = x < width / 4 && y < height / 3 ? 120 : 0;
                pixels[(y * width) + x] = new Vec3b((byte)(x * 255 / width), (byte)(y * 255 / height), (byte)(60 + block));
            }
        }
        return image;
    }

    private static double MeanAbsoluteDifference(Mat a, Mat b)
    {
        using var diff = new Mat();
        Cv2.Absdiff(a, b, diff);
        return Cv2.Mean(diff).Val0 + Cv2.Mean(diff).Val1 + Cv2.Mean(diff).Val2;
    }

    private static int DivideRoundingUp(int value, int divisor) => (value + divisor - 1) / divisor;
}
