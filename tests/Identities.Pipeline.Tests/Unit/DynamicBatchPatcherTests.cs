using Google.Protobuf;
using Identities.Embedder.Onnx;
using Identities.Inference;
using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Identities.Pipeline.Tests.Unit;

public class DynamicBatchPatcherTests
{
    private const int Side = 112;
    private const int Dimension = 512;

    private static string ModelPath => Path.Combine(RepositoryPaths.Models, "fr_feature.onnx");

    [Fact]
    public void Patch_FixedBatchModel_MakesInputAndOutputBatchSymbolic()
    {
        var original = File.ReadAllBytes(ModelPath);
        var before = ModelProto.Parser.ParseFrom(original).Graph;
        Assert.Equal(1, before.Input[0].Type.TensorType.Shape.Dim[0].DimValue);

        var patched = DynamicBatchPatcher.Patch(original);

        var graph = ModelProto.Parser.ParseFrom(patched).Graph;
        foreach (var value in graph.Input.Concat(graph.Output))
        {
            var dims = value.Type.TensorType.Shape.Dim;
            Assert.Equal("batch", dims[0].DimParam);
            Assert.False(dims[0].HasDimValue);
        }
        Assert.Equal([3L, Side, Side], graph.Input[0].Type.TensorType.Shape.Dim.Skip(1).Select(d => d.DimValue));
        Assert.Equal(Dimension, graph.Output[0].Type.TensorType.Shape.Dim[1].DimValue);
        Assert.Empty(graph.ValueInfo);
    }

    [Fact]
    public void Patch_AlreadyPatchedModel_ReturnsSameBytesUnchanged()
    {
        var patched = DynamicBatchPatcher.Patch(File.ReadAllBytes(ModelPath));
        var copy = patched.ToArray();

        var again = DynamicBatchPatcher.Patch(patched);

        Assert.Same(patched, again);
        Assert.Equal(copy, again);
    }

    [Fact]
    public void Patch_ModelWithoutGraph_ThrowsInvalidDataException()
    {
        var empty = new ModelProto().ToByteArray();

        Assert.Throws<InvalidDataException>(() => DynamicBatchPatcher.Patch(empty));
    }

    [Fact]
    public void Patch_FixedBatchModel_RunsBatchOfThreeMatchingSingleRuns()
    {
        var original = File.ReadAllBytes(ModelPath);
        var patched = DynamicBatchPatcher.Patch(original);
        using var batchSession = Load(patched);
        using var singleSession = Load(original);
        const int plane = 3 * Side * Side;
        var input = new float[3 * plane];
        var random = new Random(7);
        for (var i = 0; i < input.Length; i++)
        {
            input[i] = (float)((random.NextDouble() * 2) - 1);
        }

        var (batchOutput, batchShape) = Run(batchSession, input, [3, 3, Side, Side]);

        Assert.Equal([3L, Dimension], batchShape);
        for (var b = 0; b < 3; b++)
        {
            var (single, singleShape) = Run(singleSession, input.AsSpan(b * plane, plane).ToArray(), [1, 3, Side, Side]);
            Assert.Equal([1L, Dimension], singleShape);
            for (var i = 0; i < Dimension; i++)
            {
                Assert.Equal(single[i], batchOutput[(b * Dimension) + i], 1e-3f);
            }
        }
    }

    /// <summary>A CPU session through the product's own loader, as the embedder creates it.</summary>
    private static ModelSession Load(byte[] model) =>
        new OnnxSessionFactory(Options.Create(new InferenceOptions { ExecutionProvider = ExecutionProvider.Cpu }), NullLogger<OnnxSessionFactory>.Instance)
            .Create(model, Path.GetFileName(ModelPath));

    private static (float[] Output, long[] Shape) Run(ModelSession session, float[] input, long[] shape)
    {
        using var outputs = session.Run(input, shape);
        return (outputs[0].GetTensorDataAsSpan<float>().ToArray(), outputs[0].GetTensorTypeAndShape().Shape);
    }
}
