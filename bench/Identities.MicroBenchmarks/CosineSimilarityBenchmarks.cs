using BenchmarkDotNet.Attributes;
using Google.Protobuf.Collections;
using Identities.Embedder.Model;

namespace Identities.MicroBenchmarks;

/// <summary>
/// The cosine of two L2-normalised 512-d embeddings as FaceRecognitionService.CompareAsync computes it (a dot
/// product over the embedder reply's RepeatedField), beside the same loop over arrays; seeded random vectors.
/// </summary>
public class CosineSimilarityBenchmarks
{
    private const int Dimension = 512;

    private readonly RepeatedField<float> _replyA = [];
    private readonly RepeatedField<float> _replyB = [];
    private float[] _a = [];
    private float[] _b = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var raw = Enumerable.Range(0, 2 * Dimension).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        var vectors = EmbeddingPostprocessor.Normalize(raw, 2, Dimension);
        (_a, _b) = (vectors[0], vectors[1]);
        _replyA.AddRange(_a);
        _replyB.AddRange(_b);
    }

    [Benchmark(Baseline = true)]
    public double RepeatedField()
    {
        // The loop of FaceRecognitionService.CompareAsync.
        var cosine = 0.0;
        for (var i = 0; i < _replyA.Count; i++)
        {
            cosine += _replyA[i] * _replyB[i];
        }
        return cosine;
    }

    [Benchmark]
    public double Array()
    {
        var cosine = 0.0;
        for (var i = 0; i < _a.Length; i++)
        {
            cosine += _a[i] * _b[i];
        }
        return cosine;
    }
}
