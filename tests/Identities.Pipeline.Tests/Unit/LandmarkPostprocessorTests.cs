using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class LandmarkPostprocessorTests
{
    [Fact]
    public void ToImage_CentreOfCrop_MapsToCropCentreInImage()
    {
        var output = new float[LandmarkPostprocessor.PointCount * 2];
        Array.Fill(output, 0.5f);

        var points = LandmarkPostprocessor.ToImage(output, new Rect(10, 20, 100, 50));

        Assert.Equal(68, points.Length);
        Assert.All(points, p => Assert.Equal(new PointF(60, 45), p));
    }

    [Fact]
    public void ToImage_CropCorners_MapToCropRectCorners()
    {
        var output = new float[LandmarkPostprocessor.PointCount * 2];
        // Point 0 at the top-left, point 1 at (0.25, 0.75), point 67 at the bottom-right.
        output[2] = 0.25f;
        output[3] = 0.75f;
        output[134] = 1f;
        output[135] = 1f;

        var points = LandmarkPostprocessor.ToImage(output, new Rect(10, 20, 100, 50));

        Assert.Equal(new PointF(10, 20), points[0]);
        Assert.Equal(new PointF(35, 57.5f), points[1]);
        Assert.Equal(new PointF(110, 70), points[67]);
    }

    [Fact]
    public void FivePoints_Synthetic68Points_PicksEyeMeansNoseTipAndMouthCornerMeans()
    {
        // Every point far away except the ones the five points are built from, so that a wrong index shows.
        var p = Enumerable.Repeat(new PointF(-1000, -1000), 68).ToArray();
        p[37] = new PointF(30, 40);
        p[38] = new PointF(34, 38);
        p[40] = new PointF(34, 42);
        p[41] = new PointF(28, 44);
        p[43] = new PointF(60, 40);
        p[44] = new PointF(64, 38);
        p[46] = new PointF(64, 42);
        p[47] = new PointF(60, 48);
        p[30] = new PointF(47, 60);
        p[48] = new PointF(35, 80);
        p[60] = new PointF(37, 80);
        p[54] = new PointF(60, 80);
        p[64] = new PointF(58, 82);

        var five = LandmarkPostprocessor.FivePoints(p);

        PointF[] expected =
        [
            new(31.5f, 41), // mean of 37, 38, 40, 41
            new(62, 42), // mean of 43, 44, 46, 47
            new(47, 60), // 30
            new(36, 80), // mean of 48 and 60
            new(59, 81), // mean of 54 and 64
        ];
        Assert.Equal(expected, five);
    }

    [Fact]
    public void FivePoints_PointsAlongQuadratic_MatchesHandComputedMeans()
    {
        // x = i^2 tells apart index sets with the same mean index (e.g. 36, 38, 40, 42 vs 37, 38, 40, 41).
        var p = Enumerable.Range(0, 68).Select(i => new PointF(i * i, i)).ToArray();

        var five = LandmarkPostprocessor.FivePoints(p);

        PointF[] expected =
        [
            new((1369 + 1444 + 1600 + 1681) / 4f, 39),
            new((1849 + 1936 + 2116 + 2209) / 4f, 45),
            new(900, 30),
            new((2304 + 3600) / 2f, 54),
            new((2916 + 4096) / 2f, 59),
        ];
        Assert.Equal(expected, five);
    }
}
