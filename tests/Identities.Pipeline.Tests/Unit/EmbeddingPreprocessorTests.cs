using Identities.Embedder.Model;

namespace Identities.Pipeline.Tests.Unit;

public class EmbeddingPreprocessorTests
{
    [Fact]
    public void Fill_TwoByOneRgbCrop_WritesPlanarNormalisedValues()
    {
        // Packed pixels (R, G, B): (255, 127, 0) and (1, 128, 63).
        byte[] rgb = [255, 127, 0, 1, 128, 63];
        var destination = new float[6];

        EmbeddingPreprocessor.Fill(rgb, 2, 1, destination);

        // Planes R, G, B; (x - 127) / 128.
        float[] expected = [1f, -126f / 128f, 0f, 1f / 128f, -127f / 128f, -64f / 128f];
        Assert.Equal(expected, destination);
    }

    [Fact]
    public void Fill_OneByTwoRgbCrop_KeepsRowOrderInEachPlane()
    {
        byte[] rgb = [127, 255, 63, 191, 0, 127];
        var destination = new float[6];

        EmbeddingPreprocessor.Fill(rgb, 1, 2, destination);

        float[] expected = [0f, 0.5f, 1f, -1f + (1f / 128f), -0.5f, 0f];
        Assert.Equal(expected, destination);
    }

    [Fact]
    public void Fill_RgbOfWrongLength_ThrowsArgumentException()
    {
        var destination = new float[6];

        Assert.Throws<ArgumentException>(() => EmbeddingPreprocessor.Fill(new byte[5], 2, 1, destination));
        Assert.Throws<ArgumentException>(() => EmbeddingPreprocessor.Fill(new byte[7], 2, 1, destination));
    }

    [Fact]
    public void Fill_DestinationOfWrongLength_ThrowsArgumentException()
    {
        var rgb = new byte[6];

        Assert.Throws<ArgumentException>(() => EmbeddingPreprocessor.Fill(rgb, 2, 1, new float[5]));
        Assert.Throws<ArgumentException>(() => EmbeddingPreprocessor.Fill(rgb, 2, 1, new float[12]));
    }
}
