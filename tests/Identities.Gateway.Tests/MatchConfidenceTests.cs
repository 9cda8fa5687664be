using Identities.Gateway.Faces;

namespace Identities.Gateway.Tests;

public sealed class MatchConfidenceTests
{
    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(0.4, 0.7)]
    [InlineData(0.0, 0.5)]
    [InlineData(-1.0, 0.0)]
    public void FromCosine_KnownValues_MapLinearly(double cosine, double confidence)
    {
        Assert.Equal(confidence, MatchConfidence.FromCosine(cosine), 6);
        Assert.Equal(cosine, MatchConfidence.ToCosine(confidence), 6);
    }
}
