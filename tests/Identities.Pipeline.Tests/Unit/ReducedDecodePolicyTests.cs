using Identities.Detector.Detection;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;

namespace Identities.Pipeline.Tests.Unit;

public class ReducedDecodePolicyTests
{
    private const int InputWidth = 320;
    private const int InputHeight = 240;

    [Theory]
    [InlineData(600, 604)] // selfie-many-people.jpg: its level-1 tiles are shrunk only 1.57x
    [InlineData(800, 533)]
    [InlineData(1000, 1500)]
    public void ForDetection_SmallJpeg_IsOne(int width, int height)
    {
        Assert.Equal(1, ReducedDecodePolicy.ForDetection(new ImageHeader(ImageFormat.Jpeg, width, height), InputWidth, InputHeight, 2, 8));
    }

    [Theory]
    [InlineData(ImageFormat.Png)]
    [InlineData(ImageFormat.Bmp)]
    [InlineData(ImageFormat.WebP)]
    public void ForDetection_LargeImageNotJpeg_IsOne(ImageFormat format)
    {
        Assert.Equal(1, ReducedDecodePolicy.ForDetection(new ImageHeader(format, 4000, 3000), InputWidth, InputHeight, 2, 8));
    }

    [Theory]
    [InlineData(1382, 1868, 2, 2)]
    [InlineData(4352, 2903, 2, 4)]
    [InlineData(4032, 3024, 2, 2)]
    [InlineData(4032, 3024, 0, 8)]
    [InlineData(1382, 1868, 0, 4)]
    public void ForDetection_LargeJpeg_IsLargestFactorLeavingEverySearchedRegionAtLeastTheModelInput(int width, int height, int tileLevels, int expected)
    {
        var reduction = ReducedDecodePolicy.ForDetection(new ImageHeader(ImageFormat.Jpeg, width, height), InputWidth, InputHeight, tileLevels, 8);

        Assert.Equal(expected, reduction);
        var tiles = TilePlanner.Plan(width, height, InputWidth, InputHeight, tileLevels);
        Assert.All(tiles, t => Assert.True(Shrink(t) / reduction >= 1, $"{t.Region} is upscaled at 1/{reduction}"));
        if (reduction < 8)
        {
            Assert.Contains(tiles, t => Shrink(t) / (2 * reduction) < 1);
        }
    }

    [Fact]
    public void ForDetection_MaxReductionOne_IsOne()
    {
        Assert.Equal(1, ReducedDecodePolicy.ForDetection(new ImageHeader(ImageFormat.Jpeg, 4352, 2903), InputWidth, InputHeight, 2, 1));
    }

    [Fact]
    public void ForDetection_MaxReductionTwo_CapsTheFactor()
    {
        Assert.Equal(2, ReducedDecodePolicy.ForDetection(new ImageHeader(ImageFormat.Jpeg, 4352, 2903), InputWidth, InputHeight, 2, 2));
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void ForDetection_ExifQuarterTurn_PlansOnTheUprightSize(int orientation)
    {
        // Stored 1382x1868, upright 1868x1382: the upright level-2 tiles are 584x432, shrunk only 1.8x.
        var stored = new ImageHeader(ImageFormat.Jpeg, 1382, 1868);
        var turned = stored with { Orientation = orientation };

        Assert.Equal(2, ReducedDecodePolicy.ForDetection(stored, InputWidth, InputHeight, 2, 8));
        Assert.Equal(1, ReducedDecodePolicy.ForDetection(turned, InputWidth, InputHeight, 2, 8));
    }

    [Theory]
    [InlineData(900, 8)]
    [InlineData(500, 4)]
    [InlineData(300, 2)]
    [InlineData(223, 1)]
    [InlineData(40, 1)]
    public void ForFace_BoxOfWidth_KeepsMinFaceSizePixelsAcross(float width, int expected)
    {
        var box = new BoxF(100, 100, 100 + width, 100 + (1.3f * width));

        Assert.Equal(expected, ReducedDecodePolicy.ForFace(box, minFaceSize: 112, maxReduction: 8));
    }

    [Fact]
    public void ForFace_LargeBox_IsCappedByMaxReduction()
    {
        Assert.Equal(2, ReducedDecodePolicy.ForFace(new BoxF(0, 0, 2000, 2600), minFaceSize: 112, maxReduction: 2));
    }

    private static float Shrink(DetectionTile tile) =>
        Math.Max((float)tile.Region.Width / InputWidth, (float)tile.Region.Height / InputHeight);
}
