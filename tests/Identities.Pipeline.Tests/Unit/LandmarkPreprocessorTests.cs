using Identities.Detector.Detection;
using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class LandmarkPreprocessorTests
{
    [Fact]
    public void CropRect_BoxInsideImage_RoundsToWholePixels()
    {
        var crop = LandmarkPreprocessor.CropRect(new BoxF(10.4f, 20.6f, 60.4f, 70.6f), 200, 100);

        Assert.Equal(new Rect(10, 21, 50, 50), crop);
    }

    [Fact]
    public void CropRect_BoxOutLeftAndBottom_ShiftsInsideWithoutShrinking()
    {
        var crop = LandmarkPreprocessor.CropRect(new BoxF(-10, 80, 40, 130), 200, 100);

        Assert.Equal(new Rect(0, 50, 50, 50), crop);
    }

    [Fact]
    public void CropRect_BoxOutRightAndTop_ShiftsInsideWithoutShrinking()
    {
        var crop = LandmarkPreprocessor.CropRect(new BoxF(170, -5, 230, 45), 200, 100);

        Assert.Equal(new Rect(140, 0, 60, 50), crop);
    }

    [Fact]
    public void CropRect_BoxBiggerThanImage_ClampsToWholeImage()
    {
        var crop = LandmarkPreprocessor.CropRect(new BoxF(-50, -50, 300, 200), 200, 100);

        Assert.Equal(new Rect(0, 0, 200, 100), crop);
    }

    [Fact]
    public void CropRect_DegenerateBox_IsAtLeastOnePixel()
    {
        var crop = LandmarkPreprocessor.CropRect(new BoxF(50, 50, 50, 50), 200, 100);

        Assert.Equal(new Rect(50, 50, 1, 1), crop);
    }

    [Fact]
    public void Fill_UniformGreyImage_WritesValueOver256AndReturnsCrop()
    {
        using var image = new Mat(100, 200, MatType.CV_8UC3, Scalar.All(128));
        var tensor = new float[LandmarkPreprocessor.InputSize * LandmarkPreprocessor.InputSize];

        var crop = LandmarkPreprocessor.Fill(image, new BoxF(180, 10, 220, 50), tensor);

        Assert.Equal(new Rect(160, 10, 40, 40), crop);
        Assert.All(tensor, v => Assert.Equal(0.5f, v));
    }
}
