using Identities.Detector.Detection;

namespace Identities.Pipeline.Tests.Unit;

public class NonMaxSuppressionTests
{
    [Fact]
    public void Apply_TwoOverlappingBoxes_KeepsHigherScore()
    {
        // The lower-scored box also reaches lower in the image: a port that kept the box with the
        // lowest bottom edge would keep the wrong one.
        var best = new FaceCandidate(new BoxF(0, 0, 10, 10), 0.9f);
        var lowerBottom = new FaceCandidate(new BoxF(0, 2, 10, 12), 0.6f);

        var kept = NonMaxSuppression.Apply([lowerBottom, best], iouThreshold: 0.3f);

        Assert.Equal([best], kept);
    }

    [Fact]
    public void Apply_TwoOverlappingBoxesBestLast_KeepsHigherScore()
    {
        var low = new FaceCandidate(new BoxF(0, 0, 10, 10), 0.55f);
        var high = new FaceCandidate(new BoxF(1, 1, 11, 11), 0.95f);

        var kept = NonMaxSuppression.Apply([low, high], iouThreshold: 0.3f);

        Assert.Equal([high], kept);
    }

    [Fact]
    public void Apply_NonOverlappingBoxes_KeepsAllOrderedByScoreDescending()
    {
        var a = new FaceCandidate(new BoxF(0, 0, 10, 10), 0.5f);
        var b = new FaceCandidate(new BoxF(20, 0, 30, 10), 0.9f);
        var c = new FaceCandidate(new BoxF(0, 20, 10, 30), 0.7f);

        var kept = NonMaxSuppression.Apply([a, b, c], iouThreshold: 0.3f);

        Assert.Equal([b, c, a], kept);
    }

    [Fact]
    public void Apply_IouExactlyAtThreshold_KeepsBoth()
    {
        // Intersection 50, union 100: IoU exactly 0.5, and only overlap above the threshold suppresses.
        var a = new FaceCandidate(new BoxF(0, 0, 10, 10), 0.9f);
        var b = new FaceCandidate(new BoxF(0, 0, 10, 5), 0.8f);

        var kept = NonMaxSuppression.Apply([a, b], iouThreshold: 0.5f);

        Assert.Equal([a, b], kept);
    }

    [Fact]
    public void Apply_SmallBoxInsideHigherScoredBox_DroppedByContainmentThreshold()
    {
        var big = new FaceCandidate(new BoxF(0, 0, 100, 100), 0.9f);
        var small = new FaceCandidate(new BoxF(10, 10, 30, 30), 0.8f);

        var kept = NonMaxSuppression.Apply([small, big], iouThreshold: 0.3f, containmentThreshold: 0.8f);

        Assert.Equal([big], kept);
    }

    [Fact]
    public void Apply_SmallBoxInsideBigOneWithoutContainment_KeepsBoth()
    {
        // IoU 400 / 10000 = 0.04: only the containment rule can drop the inner box, and 1 disables it.
        var big = new FaceCandidate(new BoxF(0, 0, 100, 100), 0.9f);
        var small = new FaceCandidate(new BoxF(10, 10, 30, 30), 0.8f);

        var kept = NonMaxSuppression.Apply([small, big], iouThreshold: 0.3f);

        Assert.Equal([big, small], kept);
    }

    [Fact]
    public void Apply_ChainOfOverlaps_SuppressedBoxDoesNotSuppressOthers()
    {
        // b overlaps a (IoU 60/140) and c (IoU 60/140); c overlaps a only by 20/180.
        var a = new FaceCandidate(new BoxF(0, 0, 10, 10), 0.9f);
        var b = new FaceCandidate(new BoxF(4, 0, 14, 10), 0.8f);
        var c = new FaceCandidate(new BoxF(8, 0, 18, 10), 0.7f);

        var kept = NonMaxSuppression.Apply([c, b, a], iouThreshold: 0.3f);

        Assert.Equal([a, c], kept);
    }

    [Fact]
    public void Apply_NoCandidates_ReturnsEmpty()
    {
        var kept = NonMaxSuppression.Apply([], iouThreshold: 0.3f);

        Assert.Empty(kept);
    }
}
