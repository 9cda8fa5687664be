using Identities.Detector.Detection;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class ConfirmationPlannerTests
{
    private const int InputWidth = 320;
    private const int InputHeight = 240;

    [Fact]
    public void Region_LargeFaceInTheMiddle_IsContextTimesItsHeightWithTheModelsAspectAroundIt()
    {
        var region = ConfirmationPlanner.Region(new BoxF(900, 800, 1000, 940), 2000, 2000, InputWidth, InputHeight, context: 3);

        Assert.Equal(new Rect(670, 660, 560, 420), region);
    }

    [Fact]
    public void Region_SmallFace_IsTheModelsInputSoTheFaceIsNotEnlarged()
    {
        var region = ConfirmationPlanner.Region(new BoxF(500, 500, 520, 526), 2000, 2000, InputWidth, InputHeight, context: 3);

        Assert.Equal(new Rect(350, 393, 320, 240), region);
    }

    [Fact]
    public void Region_FaceAtTheImageCorner_IsShiftedInsideTheImageNotCut()
    {
        var region = ConfirmationPlanner.Region(new BoxF(-10, 5, 90, 145), 1000, 800, InputWidth, InputHeight, context: 3);

        Assert.Equal(new Rect(0, 0, 560, 420), region);
    }

    [Fact]
    public void Region_LargerThanTheImage_IsTheWholeImage()
    {
        var region = ConfirmationPlanner.Region(new BoxF(100, 100, 400, 500), 600, 600, InputWidth, InputHeight, context: 3);

        Assert.Equal(new Rect(0, 0, 600, 600), region);
    }

    [Fact]
    public void Score_BoxesOverlappingTheCandidate_IsTheBestOfThemAndIgnoresOthers()
    {
        var candidate = new BoxF(100, 100, 150, 160);
        FaceCandidate[] found =
        [
            new(new BoxF(102, 98, 151, 158), 0.8f),
            new(new BoxF(110, 110, 148, 162), 0.95f),
            new(new BoxF(300, 300, 350, 360), 0.99f),
        ];

        Assert.Equal(0.95f, ConfirmationPlanner.Score(found, candidate));
    }

    [Fact]
    public void Score_NothingOverlaps_IsZero()
    {
        FaceCandidate[] found = [new(new BoxF(0, 0, 20, 20), 1f)];

        Assert.Equal(0f, ConfirmationPlanner.Score(found, new BoxF(100, 100, 150, 160)));
    }

    [Theory]
    [InlineData(0, 100, 50, 160, true)]
    [InlineData(560, 100, 600, 160, true)]
    [InlineData(200, 550, 250, 600, true)]
    [InlineData(200, 200, 250, 260, false)]
    public void ReachesImageEdge_BoxNearOrAcrossAnEdge_IsTrue(float x1, float y1, float x2, float y2, bool expected)
    {
        Assert.Equal(expected, ConfirmationPlanner.ReachesImageEdge(new BoxF(x1, y1, x2, y2), 600, 600));
    }

    [Fact]
    public void IsSmall_FaceWhoseRegionWouldBeUnderTheInput_IsTrue()
    {
        Assert.True(ConfirmationPlanner.IsSmall(new BoxF(0, 0, 60, 80), InputHeight, context: 3));
        Assert.False(ConfirmationPlanner.IsSmall(new BoxF(0, 0, 60, 81), InputHeight, context: 3));
    }

    [Fact]
    public void LiesWellInside_FaceWithItsHeightOfContextOnEverySide_IsTrue()
    {
        var region = new Rect(100, 100, 320, 240);

        Assert.True(ConfirmationPlanner.LiesWellInside(new BoxF(130, 130, 150, 160), region, 2000, 2000));
        Assert.False(ConfirmationPlanner.LiesWellInside(new BoxF(110, 130, 130, 160), region, 2000, 2000));
        Assert.False(ConfirmationPlanner.LiesWellInside(new BoxF(380, 300, 400, 330), region, 2000, 2000));
    }

    [Fact]
    public void LiesWellInside_FaceAtThePhotosEdgeInARegionAtThatEdge_IsTrue()
    {
        var region = new Rect(0, 0, 320, 240);

        Assert.True(ConfirmationPlanner.LiesWellInside(new BoxF(0, 0, 20, 30), region, 2000, 2000));
        Assert.False(ConfirmationPlanner.LiesWellInside(new BoxF(-2, 0, 20, 30), region, 2000, 2000));
    }
}
