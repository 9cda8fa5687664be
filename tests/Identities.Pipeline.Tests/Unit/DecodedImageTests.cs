using Identities.Detector.Detection;
using Identities.Detector.Imaging;
using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class DecodedImageTests
{
    [Fact]
    public void ToDecoded_Region_CoversItRoundedOutwards()
    {
        // 1382x1868 at 1/4 decodes to ceil(1382/4) x ceil(1868/4) = 346x467.
        using var image = new DecodedImage(new Mat(467, 346, MatType.CV_8UC3), 4, 1382, 1868);

        // x 10..196 -> 2..49 (10/4 down, 196/4 up), y 13..193 -> 3..49.
        Assert.Equal(new Rect(2, 3, 47, 46), image.ToDecoded(new Rect(10, 13, 186, 180)));
    }

    [Fact]
    public void ToDecoded_RegionToTheOriginalsEdge_StaysInsideTheDecodedImage()
    {
        using var image = new DecodedImage(new Mat(467, 346, MatType.CV_8UC3), 4, 1382, 1868);

        Assert.Equal(new Rect(0, 0, 346, 467), image.ToDecoded(new Rect(0, 0, 1382, 1868)));
    }

    [Fact]
    public void ToDecodedAndToOriginal_ScaleByTheReduction()
    {
        using var image = new DecodedImage(new Mat(100, 100, MatType.CV_8UC3), 2, 200, 200);

        Assert.Equal(new BoxF(5, 10, 25.5f, 40), image.ToDecoded(new BoxF(10, 20, 51, 80)));
        Assert.Equal([new PointF(3, 8.5f)], image.ToOriginal([new PointF(1.5f, 4.25f)]));
    }

    [Fact]
    public void Enlarged_LetterboxOfReducedRegion_MapsModelPixelsToOriginalPixels()
    {
        // A region at (10, 20) of a 1/2 decode, scaled 0.5 into the model: model pixel 8 is decoded pixel 10 + 16.
        var reduced = new Letterbox(10, 20, 0.5f);

        var original = reduced.Enlarged(2);

        Assert.Equal(2 * reduced.ToImageX(8), original.ToImageX(8), 3);
        Assert.Equal(2 * reduced.ToImageY(8), original.ToImageY(8), 3);
    }
}
