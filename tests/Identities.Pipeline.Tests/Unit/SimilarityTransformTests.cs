using Identities.Detector.Alignment;
using Identities.Detector.Landmarks;

namespace Identities.Pipeline.Tests.Unit;

public class SimilarityTransformTests
{
    [Fact]
    public void Estimate_PointsUnderKnownSimilarity_RecoversItExactly()
    {
        // Rotate 30 degrees, scale 1.7, translate (12, -5).
        var angle = 30 * Math.PI / 180;
        var known = new SimilarityTransform(1.7 * Math.Cos(angle), 1.7 * Math.Sin(angle), 12, -5);
        PointF[] source = [new(10, 20), new(40, 18), new(25, 35), new(14, 52), new(38, 50)];
        var target = source.Select(known.Apply).ToArray();

        var estimated = SimilarityTransform.Estimate(source, target);

        Assert.Equal(1.7 * Math.Cos(angle), estimated.A, 1e-4);
        Assert.Equal(1.7 * Math.Sin(angle), estimated.B, 1e-4);
        Assert.Equal(12, estimated.Tx, 1e-4);
        Assert.Equal(-5, estimated.Ty, 1e-4);
    }

    [Fact]
    public void Estimate_SamePoints_IsIdentity()
    {
        var points = FaceAligner.ReferencePoints;

        var estimated = SimilarityTransform.Estimate(points, points);

        Assert.Equal(1, estimated.A, 1e-6);
        Assert.Equal(0, estimated.B, 1e-6);
        Assert.Equal(0, estimated.Tx, 1e-4);
        Assert.Equal(0, estimated.Ty, 1e-4);
    }

    [Fact]
    public void Estimate_ReferencePointsUnderKnownSimilarity_MapsEachBackWithinOnePixel()
    {
        // Image points: the reference layout rotated -20 degrees, scaled 2.3 and moved to (150, 80).
        var angle = -20 * Math.PI / 180;
        var toImage = new SimilarityTransform(2.3 * Math.Cos(angle), 2.3 * Math.Sin(angle), 150, 80);
        var imagePoints = FaceAligner.ReferencePoints.Select(toImage.Apply).ToArray();

        var toReference = SimilarityTransform.Estimate(imagePoints, FaceAligner.ReferencePoints);

        for (var i = 0; i < imagePoints.Length; i++)
        {
            var mapped = toReference.Apply(imagePoints[i]);
            var reference = FaceAligner.ReferencePoints[i];
            Assert.True(Distance(mapped, reference) < 1f, $"point {i}: {mapped} is not within 1 px of {reference}");
            Assert.True(Distance(mapped, reference) < 1e-3f, $"point {i}: {mapped} is off {reference} by more than rounding");
        }
        // The inverse of scale 2.3 at -20 degrees: scale 1/2.3 at +20 degrees.
        Assert.Equal(Math.Cos(-angle) / 2.3, toReference.A, 1e-5);
        Assert.Equal(Math.Sin(-angle) / 2.3, toReference.B, 1e-5);
    }

    [Fact]
    public void Estimate_TwoPoints_FindsScaleTwoAndQuarterTurn()
    {
        // Two points a unit apart mapped to two points two units apart, turned 90 degrees.
        PointF[] source = [new(0, 0), new(1, 0)];
        PointF[] target = [new(5, 5), new(5, 7)];

        var estimated = SimilarityTransform.Estimate(source, target);

        Assert.Equal(0, estimated.A, 1e-9);
        Assert.Equal(2, estimated.B, 1e-9);
        Assert.Equal(new PointF(5, 5), estimated.Apply(new PointF(0, 0)));
        Assert.Equal(new PointF(5, 7), estimated.Apply(new PointF(1, 0)));
        Assert.Equal(new PointF(3, 5), estimated.Apply(new PointF(0, 1)));
    }

    [Fact]
    public void Estimate_MismatchedCounts_Throws()
    {
        PointF[] source = [new(0, 0), new(1, 0), new(0, 1)];
        PointF[] target = [new(0, 0), new(1, 0)];

        Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate(source, target));
    }

    [Fact]
    public void Estimate_CoincidentSourcePoints_Throws()
    {
        PointF[] source = [new(3, 3), new(3, 3), new(3, 3)];
        PointF[] target = [new(0, 0), new(1, 0), new(0, 1)];

        Assert.Throws<ArgumentException>(() => SimilarityTransform.Estimate(source, target));
    }

    [Fact]
    public void ToMatrix_KnownTransform_IsRowMajorTwoByThree()
    {
        var transform = new SimilarityTransform(0.5, 0.25, 7, -3);

        Assert.Equal([0.5, -0.25, 7, 0.25, 0.5, -3], transform.ToMatrix());
    }

    [Fact]
    public void Apply_KnownTransform_RotatesScalesAndTranslates()
    {
        var transform = new SimilarityTransform(0.5, 0.25, 7, -3);

        // (0.5 * 4 - 0.25 * 8 + 7, 0.25 * 4 + 0.5 * 8 - 3) = (7, 2).
        Assert.Equal(new PointF(7, 2), transform.Apply(new PointF(4, 8)));
    }

    private static float Distance(PointF a, PointF b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));
}
