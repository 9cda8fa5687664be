using BenchmarkDotNet.Attributes;
using Identities.Embedder.Model;

namespace Identities.MicroBenchmarks;

/// <summary>
/// EmbeddingPostprocessor.Normalize (the model's [batch, 512] output to L2-normalised vectors) for a batch of
/// 1 and of 8, on seeded random values (the cost does not depend on them).
/// </summary>
public class EmbeddingNormalizationBenchmarks
{
    private const int Dimension = 512;

    private float[] _modelOutput = [];

    [Params(1, 8)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _modelOutput = [.. Enumerable.Range(0, Batch * Dimension).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    [Benchmark]
    public float[][] Normalize() => EmbeddingPostprocessor.Normalize(_modelOutput, Batch, Dimension);
}
