using Identities.Detector.Alignment;
using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class FaceAlignerTests
{
    [Fact]
    public void ReferencePoints_ArcFaceLayout_EyesAboveNoseAboveMouth()
    {
        var p = FaceAligner.ReferencePoints;

        Assert.Equal(5, p.Count);
        Assert.True(p[0].X < p[1].X && p[3].X < p[4].X);
        Assert.True(p[0].Y < p[2].Y && p[2].Y < p[3].Y);
        Assert.All(p, q => Assert.True(q.X is > 0 and < FaceAligner.Size && q.Y is > 0 and < FaceAligner.Size));
    }

    [Fact]
    public void Align_DotsAtRotatedScaledReferencePoints_LandOnReferencePoints()
    {
        // Five 5x5 white dots at the reference layout rotated 15 degrees, scaled 2.5 and moved to
        // (120, 40), rounded to whole pixels so that each dot's centre is exactly the point passed in.
        var angle = 15 * Math.PI / 180;
        var toImage = new SimilarityTransform(2.5 * Math.Cos(angle), 2.5 * Math.Sin(angle), 120, 40);
        var dots = FaceAligner.ReferencePoints
            .Select(toImage.Apply)
            .Select(p => new Point((int)Math.Round(p.X), (int)Math.Round(p.Y)))
            .ToArray();
        using var image = new Mat(400, 400, MatType.CV_8UC3, Scalar.Black);
        foreach (var dot in dots)
        {
            Assert.True(dot.X is > 10 and < 390 && dot.Y is > 10 and < 390, $"dot {dot} is off the image");
            Cv2.Rectangle(image, new Rect(dot.X - 2, dot.Y - 2, 5, 5), Scalar.White, -1);
        }
        var fivePoints = dots.Select(d => new PointF(d.X, d.Y)).ToArray();

        using var aligned = FaceAligner.Align(image, fivePoints);

        Assert.Equal(new Size(FaceAligner.Size, FaceAligner.Size), aligned.Size());
        Assert.Equal(MatType.CV_8UC3, aligned.Type());
        using var grey = new Mat();
        Cv2.CvtColor(aligned, grey, ColorConversionCodes.BGR2GRAY);
        foreach (var reference in FaceAligner.ReferencePoints)
        {
            var (centroid, brightest) = Measure(grey, reference, radius: 5);
            Assert.True(Distance(centroid, reference) < 1f, $"dot centroid {centroid} is not within 1 px of {reference}");
            Assert.True(Distance(brightest, reference) < 1.5f, $"brightest pixel {brightest} is far from {reference}");
        }
        // Away from the dots the crop stays black.
        Assert.Equal(0, grey.At<byte>(5, 5));
        Assert.Equal(0, grey.At<byte>(56, 20));
    }

    [Fact]
    public void Align_PointsOutsideImage_FillsBlack()
    {
        using var image = new Mat(50, 50, MatType.CV_8UC3, Scalar.White);
        var far = FaceAligner.ReferencePoints.Select(p => new PointF(p.X + 1000, p.Y + 1000)).ToArray();

        using var aligned = FaceAligner.Align(image, far);

        Assert.Equal(Scalar.All(0), Cv2.Sum(aligned));
    }

    [Fact]
    public void Align_FaceTenTimesLargerThanTheCrop_MatchesAlignmentFromAnAreaDownscaledCopy()
    {
        // Fine noise, as skin texture and JPEG noise are at that scale: a plain bilinear warp at 1/10 would
        // sample it (aliasing); the prefiltered crop must equal the crop of a properly downscaled copy.
        using var image = new Mat(1600, 1600, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        var large = FaceAligner.ReferencePoints.Select(p => new PointF((p.X * 10) + 200, (p.Y * 10) + 150)).ToArray();
        using var small = new Mat();
        Cv2.Resize(image, small, new Size(160, 160), 0, 0, InterpolationFlags.Area);
        // Pixel centres: x_small = (x + 0.5) / 10 - 0.5.
        var scaled = large.Select(p => new PointF(((p.X + 0.5f) / 10) - 0.5f, ((p.Y + 0.5f) / 10) - 0.5f)).ToArray();

        using var fromLarge = FaceAligner.Align(image, large);
        using var fromSmall = FaceAligner.Align(small, scaled);

        using var difference = new Mat();
        Cv2.Absdiff(fromLarge, fromSmall, difference);
        var mean = Cv2.Mean(difference);
        Assert.True(mean.Val0 < 3 && mean.Val1 < 3 && mean.Val2 < 3, $"mean absolute difference {mean.Val0:F1}/{mean.Val1:F1}/{mean.Val2:F1}");
        // And the noise is averaged, not sampled: the crop's spread is far below the image's (~74).
        Cv2.MeanStdDev(fromLarge, out _, out var spread);
        Assert.True(spread.Val0 < 20, $"crop standard deviation {spread.Val0:F1}: the warp sampled the noise");
    }

    [Fact]
    public void ToRgbBytes_BgrPixels_SwapsToPackedRgb()
    {
        using var bgr = new Mat(1, 2, MatType.CV_8UC3);
        bgr.Set(0, 0, new Vec3b(1, 2, 3));
        bgr.Set(0, 1, new Vec3b(10, 20, 30));

        var rgb = FaceAligner.ToRgbBytes(bgr);

        Assert.Equal(new byte[] { 3, 2, 1, 30, 20, 10 }, rgb);
    }

    /// <summary>The intensity centroid and the brightest pixel in a window around <paramref name="around"/>.</summary>
    private static (PointF Centroid, PointF Brightest) Measure(Mat grey, PointF around, int radius)
    {
        double sum = 0, sx = 0, sy = 0;
        var best = -1;
        var brightest = new PointF(float.NaN, float.NaN);
        var cx = (int)Math.Round(around.X);
        var cy = (int)Math.Round(around.Y);
        for (var y = cy - radius; y <= cy + radius; y++)
        {
            for (var x = cx - radius; x <= cx + radius; x++)
            {
                int v = grey.At<byte>(y, x);
                sum += v;
                sx += v * x;
                sy += v * y;
                if (v > best)
                {
                    best = v;
                    brightest = new PointF(x, y);
                }
            }
        }
        Assert.True(sum > 0, $"no dot near {around}");
        return (new PointF((float)(sx / sum), (float)(sy / sum)), brightest);
    }

    private static float Distance(PointF a, PointF b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
