using Identities.Detector.Alignment;
using Identities.Detector.Landmarks;
using Identities.Detector.Quality;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class QualityScorerTests
{
    [Fact]
    public void SizePart_AtEightAndFortyPixels_IsZeroAndOne()
    {
        Assert.Equal(0f, QualityScorer.SizePart(8));
        Assert.Equal(1f, QualityScorer.SizePart(40));
        Assert.Equal(0.5f, QualityScorer.SizePart(24), 1e-6f);
    }

    [Fact]
    public void SizePart_OutsideRange_IsClamped()
    {
        Assert.Equal(0f, QualityScorer.SizePart(0));
        Assert.Equal(0f, QualityScorer.SizePart(-5));
        Assert.Equal(1f, QualityScorer.SizePart(400));
    }

    [Fact]
    public void SizePart_GrowingDistance_IsMonotonic()
    {
        var previous = QualityScorer.SizePart(0);
        for (var d = 0.5f; d <= 60; d += 0.5f)
        {
            var current = QualityScorer.SizePart(d);
            Assert.True(current >= previous, $"SizePart({d}) = {current} < {previous}");
            previous = current;
        }
    }

    [Fact]
    public void SharpnessPart_AtTenAndOneHundredFifty_IsZeroAndOne()
    {
        Assert.Equal(0f, QualityScorer.SharpnessPart(10), 1e-6f);
        Assert.Equal(1f, QualityScorer.SharpnessPart(150), 1e-6f);
        Assert.Equal(0f, QualityScorer.SharpnessPart(0));
        Assert.Equal(1f, QualityScorer.SharpnessPart(10_000));
    }

    [Fact]
    public void SharpnessPart_GeometricMidpoint_IsHalf()
    {
        // Log scale on 1 + v: halfway is sqrt(11 * 151) - 1.
        Assert.Equal(0.5f, QualityScorer.SharpnessPart(Math.Sqrt(11.0 * 151.0) - 1), 1e-5f);
    }

    [Fact]
    public void DetectionPart_ChanceAndCertainty_AreZeroAndOne()
    {
        Assert.Equal(0f, QualityScorer.DetectionPart(0.5f));
        Assert.Equal(1f, QualityScorer.DetectionPart(1f));
        Assert.Equal(0.5f, QualityScorer.DetectionPart(0.75f));
        Assert.Equal(0f, QualityScorer.DetectionPart(0.2f));
    }

    [Fact]
    public void FrontalnessPart_ReferencePoints_IsAboveNinetyFivePercent()
    {
        Assert.True(QualityScorer.FrontalnessPart(FaceAligner.ReferencePoints) > 0.95f);
    }

    [Fact]
    public void FrontalnessPart_RotatedScaledReferencePoints_IsUnchanged()
    {
        var angle = 40 * Math.PI / 180;
        var transform = new SimilarityTransform(3 * Math.Cos(angle), 3 * Math.Sin(angle), 500, -20);
        var moved = FaceAligner.ReferencePoints.Select(transform.Apply).ToArray();

        Assert.Equal(QualityScorer.FrontalnessPart(FaceAligner.ReferencePoints), QualityScorer.FrontalnessPart(moved), 1e-4f);
    }

    [Fact]
    public void FrontalnessPart_NoseShiftedHalfInterOcular_IsBelowPointThree()
    {
        var p = FaceAligner.ReferencePoints.ToArray();
        var iod = p[1].X - p[0].X;
        p[2] = new PointF(p[2].X + (0.5f * iod), p[2].Y);

        Assert.True(QualityScorer.FrontalnessPart(p) < 0.3f);
    }

    [Fact]
    public void FrontalnessPart_NoseOnEyeLine_IsZero()
    {
        // Pitch 0: the nose tip on the eye line, far outside the frontal band, so the pitch factor is 0.
        var p = FaceAligner.ReferencePoints.ToArray();
        p[2] = new PointF((p[0].X + p[1].X) / 2, (p[0].Y + p[1].Y) / 2);

        Assert.Equal(0f, QualityScorer.FrontalnessPart(p));
    }

    [Fact]
    public void FrontalnessPart_CoincidentEyes_IsZero()
    {
        PointF[] p = [new(50, 50), new(50, 50), new(50, 70), new(40, 90), new(60, 90)];

        Assert.Equal(0f, QualityScorer.FrontalnessPart(p));
    }

    [Theory]
    [InlineData(120, 1f)]
    [InlineData(170, 1f)]
    [InlineData(200, 0.5f)]
    [InlineData(40, 0.5f)]
    [InlineData(0, 0f)]
    [InlineData(255, 0f)]
    public void ExposurePart_UniformGrey_MatchesHandComputedValue(int level, float expected)
    {
        // Brightness: 1 within 50 of 120, then down by 1/60 a level; clipping: all or nothing here.
        using var grey = new Mat(64, 64, MatType.CV_8UC1, Scalar.All(level));

        Assert.Equal(expected, QualityScorer.ExposurePart(grey), 1e-5f);
    }

    [Fact]
    public void ExposurePart_QuarterClipped_LosesHalf()
    {
        // Mean (3 * 120 + 0) / 4 = 90 is fine; a quarter of pixels clipped costs 2 * 0.25.
        using var grey = new Mat(64, 64, MatType.CV_8UC1, Scalar.All(120));
        using (var band = new Mat(grey, new Rect(0, 0, 64, 16)))
        {
            band.SetTo(Scalar.All(0));
        }

        Assert.Equal(0.5f, QualityScorer.ExposurePart(grey), 1e-5f);
    }

    [Fact]
    public void LaplacianVariance_UniformImage_IsZero()
    {
        using var grey = new Mat(32, 32, MatType.CV_8UC1, Scalar.All(90));

        Assert.Equal(0, QualityScorer.LaplacianVariance(grey), 1e-9);
    }

    [Fact]
    public void LaplacianVariance_Checkerboard_IsLarge()
    {
        using var grey = new Mat(32, 32, MatType.CV_8UC1, Scalar.All(0));
        for (var y = 0; y < 32; y++)
        {
            for (var x = (y % 2); x < 32; x += 2)
            {
                grey.Set(y, x, (byte)255);
            }
        }

        Assert.True(QualityScorer.LaplacianVariance(grey) > 150);
        Assert.Equal(1f, QualityScorer.SharpnessPart(QualityScorer.LaplacianVariance(grey)));
    }
}
