using BenchmarkDotNet.Attributes;
using Google.Protobuf.Collections;
using Identities.Embedder.Model;
using Identities.Gateway;
using Identities.Gateway.Faces;

namespace Identities.MicroBenchmarks;

/// <summary>
/// faceCompare's verdict from two L2-normalised 512-d embeddings (the gateway's FaceComparison.FromEmbeddings: cosine,
/// confidence, match) over the embedder reply's RepeatedField, as the gateway calls it, beside the same call over arrays;
/// seeded random vectors.
/// </summary>
public class CosineSimilarityBenchmarks
{
    private const int Dimension = 512;

    private readonly RepeatedField<float> _replyA = [];
    private readonly RepeatedField<float> _replyB = [];
    private readonly double _threshold = new GatewayOptions().MatchThreshold;
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
    public FaceCompareResponse RepeatedField() => FaceComparison.FromEmbeddings(_replyA, _replyB, _threshold);

    [Benchmark]
    public FaceCompareResponse Array() => FaceComparison.FromEmbeddings(_a, _b, _threshold);
}
