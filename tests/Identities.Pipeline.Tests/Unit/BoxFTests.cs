using Identities.Detector.Detection;

namespace Identities.Pipeline.Tests.Unit;

public class BoxFTests
{
    [Fact]
    public void WidthHeightArea_PlainBox_AreCornerDifferences()
    {
        var box = new BoxF(2, 3, 12, 8);

        Assert.Equal(10f, box.Width);
        Assert.Equal(5f, box.Height);
        Assert.Equal(50f, box.Area);
    }

    [Fact]
    public void Area_InvertedBox_IsZero()
    {
        var box = new BoxF(10, 10, 5, 20);

        Assert.Equal(0f, box.Area);
    }

    [Fact]
    public void IntersectionOverUnion_HalfShiftedSquares_IsFiftyOverOneHundredFifty()
    {
        var a = new BoxF(0, 0, 10, 10);
        var b = new BoxF(5, 0, 15, 10);

        // Intersection 5x10 = 50; union 100 + 100 - 50 = 150.
        Assert.Equal(50f, a.IntersectionArea(b));
        Assert.Equal(50f / 150f, a.IntersectionOverUnion(b), 1e-6f);
        Assert.Equal(a.IntersectionOverUnion(b), b.IntersectionOverUnion(a));
    }

    [Fact]
    public void IntersectionOverUnion_IdenticalBoxes_IsOne()
    {
        var a = new BoxF(3, 4, 13, 24);

        Assert.Equal(1f, a.IntersectionOverUnion(a));
    }

    [Fact]
    public void IntersectionOverUnion_EdgeTouchingBoxes_IsZero()
    {
        var a = new BoxF(0, 0, 10, 10);
        var b = new BoxF(10, 0, 20, 10);

        Assert.Equal(0f, a.IntersectionArea(b));
        Assert.Equal(0f, a.IntersectionOverUnion(b));
    }

    [Fact]
    public void IntersectionOverUnion_ZeroAreaBoxes_IsZeroNotNaN()
    {
        var a = new BoxF(5, 5, 5, 5);

        Assert.Equal(0f, a.IntersectionOverUnion(a));
    }

    [Fact]
    public void IntersectionOverSmaller_SmallBoxInsideBigOne_IsOne()
    {
        var big = new BoxF(0, 0, 100, 100);
        var small = new BoxF(10, 10, 30, 30);

        Assert.Equal(1f, big.IntersectionOverSmaller(small));
        Assert.Equal(1f, small.IntersectionOverSmaller(big));
        // While the IoU stays small: 400 / 10000.
        Assert.Equal(0.04f, big.IntersectionOverUnion(small), 1e-6f);
    }

    [Fact]
    public void IntersectionOverSmaller_SmallBoxHalfInside_IsHalf()
    {
        var big = new BoxF(0, 0, 100, 100);
        var small = new BoxF(90, 10, 110, 30);

        // 10x20 of the 20x20 box lies inside.
        Assert.Equal(0.5f, big.IntersectionOverSmaller(small), 1e-6f);
    }
}
