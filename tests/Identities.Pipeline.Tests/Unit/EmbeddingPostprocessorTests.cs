using Identities.Embedder.Model;

namespace Identities.Pipeline.Tests.Unit;

public class EmbeddingPostprocessorTests
{
    [Fact]
    public void Normalize_ThreeFourRow_BecomesUnitLength()
    {
        float[] output = [3, 4, 0];

        var vectors = EmbeddingPostprocessor.Normalize(output, 1, 3);

        var vector = Assert.Single(vectors);
        Assert.Equal(0.6f, vector[0], 1e-6f);
        Assert.Equal(0.8f, vector[1], 1e-6f);
        Assert.Equal(0f, vector[2]);
    }

    [Fact]
    public void Normalize_SeveralRows_EachGetsUnitLengthAndKeepsDirection()
    {
        float[] output = [1, 1, 1, 1, -2, 0, 0, 0, 0.001f, 0.002f, -0.002f, 0];

        var vectors = EmbeddingPostprocessor.Normalize(output, 3, 4);

        Assert.Equal(3, vectors.Length);
        Assert.All(vectors[0], v => Assert.Equal(0.5f, v, 1e-6f));
        Assert.Equal([-1f, 0f, 0f, 0f], vectors[1]);
        Assert.Equal(1f / 3f, vectors[2][0], 1e-6f);
        Assert.Equal(2f / 3f, vectors[2][1], 1e-6f);
        Assert.Equal(-2f / 3f, vectors[2][2], 1e-6f);
        Assert.All(vectors, v => Assert.Equal(1.0, v.Sum(x => (double)x * x), 1e-6));
    }

    [Fact]
    public void Normalize_ZeroRow_StaysZeroWithoutNaN()
    {
        float[] output = [0, 0, 0, 6, 0, 8];

        var vectors = EmbeddingPostprocessor.Normalize(output, 2, 3);

        Assert.Equal([0f, 0f, 0f], vectors[0]);
        Assert.DoesNotContain(vectors[0], float.IsNaN);
        Assert.Equal(0.6f, vectors[1][0], 1e-6f);
        Assert.Equal(0.8f, vectors[1][2], 1e-6f);
    }

    [Fact]
    public void Normalize_RowsAreCopies_NotViewsOfOutput()
    {
        float[] output = [2, 0];

        var vectors = EmbeddingPostprocessor.Normalize(output, 1, 2);
        output[0] = 100;

        Assert.Equal([1f, 0f], vectors[0]);
    }
}
