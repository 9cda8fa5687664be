using Identities.Detector.Detection;

namespace Identities.Pipeline.Tests.Unit;

public class DetectionPostprocessorTests
{
    private const int InputWidth = 320;
    private const int InputHeight = 240;

    [Fact]
    public void Decode_OneConfidentBox_MapsThroughLetterboxToImagePixels()
    {
        float[] scores = [0.1f, 0.9f];
        float[] boxes = [0.25f, 0.5f, 0.5f, 1.0f];
        var letterbox = new Letterbox(100, 50, 0.5f);

        var candidates = DetectionPostprocessor.Decode(scores, boxes, InputWidth, InputHeight, letterbox, 0.5f);

        // Model pixels (80, 120, 160, 240), / 0.5 = (160, 240, 320, 480), + (100, 50).
        var candidate = Assert.Single(candidates);
        Assert.Equal(new BoxF(260, 290, 420, 530), candidate.Box);
        Assert.Equal(0.9f, candidate.Score);
    }

    [Fact]
    public void Decode_UnitLetterbox_ScalesCornersByInputSize()
    {
        float[] scores = [0.2f, 0.8f];
        float[] boxes = [0f, 0f, 1f, 1f];

        var candidates = DetectionPostprocessor.Decode(scores, boxes, InputWidth, InputHeight, new Letterbox(0, 0, 1), 0.5f);

        Assert.Equal(new BoxF(0, 0, 320, 240), Assert.Single(candidates).Box);
    }

    [Fact]
    public void Decode_ScoresBelowMinScore_AreDropped()
    {
        float[] scores = [0.1f, 0.9f, 0.6f, 0.4f, 0.5f, 0.5f, 0.3f, 0.7f];
        float[] boxes =
        [
            0.0f, 0.0f, 0.1f, 0.1f,
            0.2f, 0.2f, 0.3f, 0.3f,
            0.4f, 0.4f, 0.5f, 0.5f,
            0.6f, 0.6f, 0.7f, 0.7f,
        ];
        var letterbox = new Letterbox(0, 0, 2);

        var candidates = DetectionPostprocessor.Decode(scores, boxes, InputWidth, InputHeight, letterbox, 0.5f);

        // Scores 0.9, 0.4 (dropped), 0.5 (kept: at the threshold), 0.7; boxes in input order.
        Assert.Equal([0.9f, 0.5f, 0.7f], candidates.Select(c => c.Score));
        AssertBox(new BoxF(0, 0, 16, 12), candidates[0].Box);
        AssertBox(new BoxF(64, 48, 80, 60), candidates[1].Box);
        AssertBox(new BoxF(96, 72, 112, 84), candidates[2].Box);
    }

    [Fact]
    public void Decode_ZeroSizeOrInvertedBoxes_AreDropped()
    {
        float[] scores = [0.0f, 0.9f, 0.0f, 0.9f, 0.0f, 0.9f, 0.0f, 0.9f];
        float[] boxes =
        [
            0.5f, 0.5f, 0.5f, 0.7f, // zero width
            0.1f, 0.3f, 0.2f, 0.3f, // zero height
            0.6f, 0.1f, 0.4f, 0.2f, // x2 < x1
            0.25f, 0.25f, 0.75f, 0.75f,
        ];

        var candidates = DetectionPostprocessor.Decode(scores, boxes, InputWidth, InputHeight, new Letterbox(10, 20, 1), 0.5f);

        AssertBox(new BoxF(90, 80, 250, 200), Assert.Single(candidates).Box);
    }

    [Fact]
    public void Decode_NoAnchors_ReturnsEmpty()
    {
        var candidates = DetectionPostprocessor.Decode([], [], InputWidth, InputHeight, new Letterbox(0, 0, 1), 0.5f);

        Assert.Empty(candidates);
    }

    private static void AssertBox(BoxF expected, BoxF actual)
    {
        Assert.Equal(expected.X1, actual.X1, 1e-3f);
        Assert.Equal(expected.Y1, actual.Y1, 1e-3f);
        Assert.Equal(expected.X2, actual.X2, 1e-3f);
        Assert.Equal(expected.Y2, actual.Y2, 1e-3f);
    }
}
