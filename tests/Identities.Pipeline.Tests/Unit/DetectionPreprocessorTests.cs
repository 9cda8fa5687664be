using Identities.Detector.Detection;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class DetectionPreprocessorTests
{
    [Fact]
    public void Fill_WideUniformRegion_WritesRgbPlanesAtTopAndZerosBelow()
    {
        // BGR (10, 127, 255): R = 255 -> 1, G = 127 -> 0, B = 10 -> -117/128.
        using var image = new Mat(10, 20, MatType.CV_8UC3, new Scalar(10, 127, 255));
        var tensor = new float[3 * 8 * 8];
        Array.Fill(tensor, 42f);

        var letterbox = DetectionPreprocessor.Fill(image, new Rect(0, 0, 20, 10), 8, 8, tensor);

        // Scale min(8/20, 8/10) = 0.4: the region fills 8x4 of the 8x8 input.
        Assert.Equal(new Letterbox(0, 0, 0.4f), letterbox);
        const int plane = 64;
        for (var y = 0; y < 8; y++)
        {
            for (var x = 0; x < 8; x++)
            {
                var i = (y * 8) + x;
                var inside = y < 4;
                Assert.Equal(inside ? 1f : 0f, tensor[i]);
                Assert.Equal(0f, tensor[plane + i]);
                Assert.Equal(inside ? -117f / 128f : 0f, tensor[(2 * plane) + i]);
            }
        }
    }

    [Fact]
    public void Fill_OffsetTallRegionUpscaled_ReturnsLetterboxAtRegionOrigin()
    {
        using var image = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(0));
        using (var region = new Mat(image, new Rect(30, 20, 4, 8)))
        {
            region.SetTo(new Scalar(255, 255, 255));
        }
        var tensor = new float[3 * 16 * 16];

        var letterbox = DetectionPreprocessor.Fill(image, new Rect(30, 20, 4, 8), 16, 16, tensor);

        // Scale min(16/4, 16/8) = 2: 8x16, the left half of the input; white is (255 - 127) / 128 = 1.
        Assert.Equal(new Letterbox(30, 20, 2f), letterbox);
        for (var c = 0; c < 3; c++)
        {
            for (var y = 0; y < 16; y++)
            {
                for (var x = 0; x < 16; x++)
                {
                    Assert.Equal(x < 8 ? 1f : 0f, tensor[(c * 256) + (y * 16) + x]);
                }
            }
        }
        Assert.Equal(30f, letterbox.ToImageX(0));
        Assert.Equal(34f, letterbox.ToImageX(8));
        Assert.Equal(28f, letterbox.ToImageY(16));
    }
}
