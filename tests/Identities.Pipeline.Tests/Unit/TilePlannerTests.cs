using Identities.Detector.Detection;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

public class TilePlannerTests
{
    private const int InputWidth = 320;
    private const int InputHeight = 240;

    [Fact]
    public void Plan_ImageOfInputSize_ReturnsOneWholeImageTile()
    {
        var tiles = TilePlanner.Plan(320, 240, InputWidth, InputHeight, maxLevels: 2);

        Assert.Equal([new DetectionTile(new Rect(0, 0, 320, 240), 0)], tiles);
    }

    [Fact]
    public void Plan_LargeImageWithMaxLevelsZero_ReturnsOneWholeImageTile()
    {
        var tiles = TilePlanner.Plan(4000, 3000, InputWidth, InputHeight, maxLevels: 0);

        Assert.Equal([new DetectionTile(new Rect(0, 0, 4000, 3000), 0)], tiles);
    }

    [Fact]
    public void Plan_LargeImageWithTwoLevels_ReturnsOnePlusFourPlusSixteenTiles()
    {
        var tiles = TilePlanner.Plan(4000, 3000, InputWidth, InputHeight, maxLevels: 2);

        Assert.Equal(21, tiles.Count);
        Assert.Equal(1, tiles.Count(t => t.Level == 0));
        Assert.Equal(4, tiles.Count(t => t.Level == 1));
        Assert.Equal(16, tiles.Count(t => t.Level == 2));
        Assert.Equal(new DetectionTile(new Rect(0, 0, 4000, 3000), 0), tiles[0]);
    }

    [Fact]
    public void Plan_LargeImageLevelOne_TilesAreQuarterPlusOverlapAtCorners()
    {
        var tiles = TilePlanner.Plan(4000, 3000, InputWidth, InputHeight, maxLevels: 2);

        // ceil(4000 * 1.25 / 2) = 2500 and ceil(3000 * 1.25 / 2) = 1875; the two starts per axis are
        // 0 and size - tile, row by row.
        Rect[] expected =
        [
            new(0, 0, 2500, 1875), new(1500, 0, 2500, 1875),
            new(0, 1125, 2500, 1875), new(1500, 1125, 2500, 1875),
        ];
        Assert.Equal(expected, tiles.Where(t => t.Level == 1).Select(t => t.Region));
    }

    [Fact]
    public void Plan_LargeImageLevelTwo_TilesHaveHandComputedStarts()
    {
        var tiles = TilePlanner.Plan(4000, 3000, InputWidth, InputHeight, maxLevels: 2);
        var level2 = tiles.Where(t => t.Level == 2).Select(t => t.Region).ToList();

        // Width ceil(5000 / 4) = 1250, step (4000 - 1250) / 3 = 916.67; height ceil(3750 / 4) = 938,
        // step (3000 - 938) / 3 = 687.33; starts rounded.
        Assert.All(level2, r => Assert.Equal(new Size(1250, 938), r.Size));
        Assert.Equal([0, 917, 1833, 2750], level2.Select(r => r.X).Distinct());
        Assert.Equal([0, 687, 1375, 2062], level2.Select(r => r.Y).Distinct());
    }

    [Theory]
    [InlineData(4000, 3000, 2)]
    [InlineData(4032, 3024, 3)]
    [InlineData(1001, 7003, 3)]
    [InlineData(641, 481, 1)]
    public void Plan_AnyLargeImage_TilesLieInsideImage(int width, int height, int maxLevels)
    {
        var tiles = TilePlanner.Plan(width, height, InputWidth, InputHeight, maxLevels);

        Assert.All(tiles, t =>
        {
            Assert.True(t.Region.X >= 0 && t.Region.Y >= 0, $"{t.Region} starts outside the image");
            Assert.True(t.Region.Width > 0 && t.Region.Height > 0, $"{t.Region} is empty");
            Assert.True(t.Region.Right <= width && t.Region.Bottom <= height, $"{t.Region} ends outside {width}x{height}");
        });
    }

    [Theory]
    [InlineData(4000, 3000, 2)]
    [InlineData(4032, 3024, 3)]
    [InlineData(1001, 7003, 3)]
    [InlineData(641, 481, 1)]
    public void Plan_AnyLargeImage_EachLevelCoversImageWithOverlappingNeighbours(int width, int height, int maxLevels)
    {
        var tiles = TilePlanner.Plan(width, height, InputWidth, InputHeight, maxLevels);

        foreach (var level in tiles.GroupBy(t => t.Level).Where(g => g.Key > 0))
        {
            var perAxis = 1 << level.Key;
            Assert.Equal(perAxis * perAxis, level.Count());
            // The tiles form a grid, so covering both axes covers the image.
            AssertCoversWithOverlap(level.Select(t => (t.Region.X, t.Region.Right)), width, perAxis);
            AssertCoversWithOverlap(level.Select(t => (t.Region.Y, t.Region.Bottom)), height, perAxis);
        }
    }

    [Fact]
    public void Plan_TwiceInputSize_AddsNoLevelBecauseTilesWouldShrinkLessThanOnePointFive()
    {
        // Level 1 tiles would be 400x300, only 1.25x the input: the whole image already shows what they would.
        var tiles = TilePlanner.Plan(640, 480, InputWidth, InputHeight, maxLevels: 3);

        Assert.Equal([new Rect(0, 0, 640, 480)], tiles.Select(t => t.Region));
    }

    [Fact]
    public void Plan_ThreeTimesInputSize_StopsAfterLevelOne()
    {
        // Level 1 tiles are 625x469 (shrunk 1.95x); level 2 tiles would be 313x235, not shrunk at all.
        var tiles = TilePlanner.Plan(1000, 750, InputWidth, InputHeight, maxLevels: 3);

        Assert.Equal([0, 1, 1, 1, 1], tiles.Select(t => t.Level));
        Assert.Equal(new Rect(0, 0, 625, 469), tiles[1].Region);
    }

    [Fact]
    public void Plan_OnePointFiveTimesInputSize_AddsNoLevel()
    {
        var tiles = TilePlanner.Plan(480, 360, InputWidth, InputHeight, maxLevels: 2);

        Assert.Single(tiles);
    }

    [Fact]
    public void Plan_LevelWhoseTilesWouldBeUpscaled_IsNotAdded()
    {
        // Shrink max(500/320, 250/240) = 1.56 asks for level 1, but its 313x157 tiles are smaller than
        // the 320x240 input (313/320 < 1): upscaled parts of a big face look like faces, so no level 1.
        var tiles = TilePlanner.Plan(500, 250, InputWidth, InputHeight, maxLevels: 2);

        Assert.Equal([new DetectionTile(new Rect(0, 0, 500, 250), 0)], tiles);
    }

    [Fact]
    public void TouchesInnerEdge_BoxAtTileEdgeInsideImage_IsTrue()
    {
        var tile = new Rect(1500, 0, 2500, 1875);

        Assert.True(TilePlanner.TouchesInnerEdge(new BoxF(1502, 500, 1600, 600), tile, 4000, 3000, margin: 4));
        Assert.True(TilePlanner.TouchesInnerEdge(new BoxF(2000, 1780, 2100, 1872), tile, 4000, 3000, margin: 4));
    }

    [Fact]
    public void TouchesInnerEdge_BoxAtTileEdgeThatIsImageEdge_IsFalse()
    {
        var tile = new Rect(1500, 0, 2500, 1875);

        Assert.False(TilePlanner.TouchesInnerEdge(new BoxF(2000, 0, 2100, 100), tile, 4000, 3000, margin: 4));
        Assert.False(TilePlanner.TouchesInnerEdge(new BoxF(3900, 500, 4000, 600), tile, 4000, 3000, margin: 4));
    }

    [Fact]
    public void TouchesInnerEdge_BoxAwayFromEdges_IsFalse()
    {
        var tile = new Rect(1500, 1125, 2500, 1875);

        Assert.False(TilePlanner.TouchesInnerEdge(new BoxF(2000, 1500, 2200, 1700), tile, 4000, 3000, margin: 4));
        // Just beyond the margin from the inner left and top edges.
        Assert.False(TilePlanner.TouchesInnerEdge(new BoxF(1505, 1130, 1600, 1200), tile, 4000, 3000, margin: 4));
    }

    [Fact]
    public void TouchesInnerEdge_WholeImageTile_IsFalseEvenAtImageBorder()
    {
        var tile = new Rect(0, 0, 640, 480);

        Assert.False(TilePlanner.TouchesInnerEdge(new BoxF(0, 0, 640, 480), tile, 640, 480, margin: 4));
    }

    [Fact]
    public void TouchesInnerEdge_BottomRightTile_OnlyLeftAndTopAreInner()
    {
        var tile = new Rect(240, 180, 400, 300);

        Assert.True(TilePlanner.TouchesInnerEdge(new BoxF(241, 300, 300, 360), tile, 640, 480, margin: 2));
        Assert.True(TilePlanner.TouchesInnerEdge(new BoxF(400, 181, 450, 240), tile, 640, 480, margin: 2));
        Assert.False(TilePlanner.TouchesInnerEdge(new BoxF(560, 400, 640, 480), tile, 640, 480, margin: 2));
    }

    private static void AssertCoversWithOverlap(IEnumerable<(int Start, int End)> spans, int size, int perAxis)
    {
        var distinct = spans.Distinct().OrderBy(s => s.Start).ToList();
        Assert.Equal(perAxis, distinct.Count);
        Assert.Equal(0, distinct[0].Start);
        Assert.Equal(size, distinct[^1].End);
        for (var i = 1; i < distinct.Count; i++)
        {
            Assert.True(distinct[i].Start < distinct[i - 1].End, $"span {distinct[i]} does not overlap {distinct[i - 1]}");
        }
    }
}
