using Identities.Detector.Detection;

namespace Identities.Pipeline.Tests.Unit;

public class LetterboxTests
{
    [Fact]
    public void ToImageXY_HalfScaleRegion_DividesByScaleAndAddsRegionOrigin()
    {
        var letterbox = new Letterbox(100, 50, 0.5f);

        Assert.Equal(260f, letterbox.ToImageX(80));
        Assert.Equal(290f, letterbox.ToImageY(120));
        Assert.Equal(100f, letterbox.ToImageX(0));
        Assert.Equal(50f, letterbox.ToImageY(0));
    }
}
