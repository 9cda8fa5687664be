using Identities.Embedder.Model;

namespace Identities.Pipeline.Tests.Embedder;

public sealed class ModelIdTests
{
    [Fact]
    public void DeriveModelId_DifferentBytes_GiveDifferentIds()
    {
        var a = FaceEmbeddingModel.DeriveModelId("/m/fr_feature.onnx", [1, 2, 3]);
        var b = FaceEmbeddingModel.DeriveModelId("/m/fr_feature.onnx", [1, 2, 4]);
        Assert.NotEqual(a, b);
        Assert.StartsWith("fr_feature-", a, StringComparison.Ordinal);
    }

    [Fact]
    public void DeriveModelId_SameBytes_GiveTheSameId()
    {
        Assert.Equal(
            FaceEmbeddingModel.DeriveModelId("/a/x.onnx", [9, 9]),
            FaceEmbeddingModel.DeriveModelId("/b/x.onnx", [9, 9]));
    }
}
