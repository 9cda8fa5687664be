using BenchmarkDotNet.Attributes;
using Identities.Detector.Detection;

namespace Identities.MicroBenchmarks;

/// <summary>
/// The detector's pure postprocessing on synthetic model output shaped like the real one: 4,420 anchors, of
/// which about 30 per face score above 0.7 with boxes jittered around the face (what one pass yields).
/// Merge is the cross-pass NMS with containment over 21 passes' kept boxes.
/// </summary>
public class NmsBenchmarks
{
    private const int Anchors = 4420;
    private const int ProposalsPerFace = 30;
    private const int Passes = 21;

    private readonly float[] _scores = new float[Anchors * 2];
    private readonly float[] _boxes = new float[Anchors * 4];
    private List<FaceCandidate> _candidates = [];
    private List<FaceCandidate> _passOutputs = [];

    [Params(1, 8)]
    public int Faces { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        for (var i = 0; i < Anchors; i++)
        {
            var score = (float)(random.NextDouble() * 0.3);
            _scores[i * 2] = 1 - score;
            _scores[(i * 2) + 1] = score;
            var (x, y) = ((float)random.NextDouble() * 0.9f, (float)random.NextDouble() * 0.9f);
            (_boxes[i * 4], _boxes[(i * 4) + 1], _boxes[(i * 4) + 2], _boxes[(i * 4) + 3]) = (x, y, x + 0.05f, y + 0.07f);
        }
        for (var f = 0; f < Faces; f++)
        {
            // Faces on a grid, each about 0.1 x 0.14 of the input.
            var (cx, cy) = (0.1f + (0.2f * (f % 4)), 0.2f + (0.4f * (f / 4)));
            for (var p = 0; p < ProposalsPerFace; p++)
            {
                var i = random.Next(Anchors);
                var score = 0.7f + ((float)random.NextDouble() * 0.3f);
                (_scores[i * 2], _scores[(i * 2) + 1]) = (1 - score, score);
                float Jitter() => ((float)random.NextDouble() - 0.5f) * 0.02f;
                (_boxes[i * 4], _boxes[(i * 4) + 1]) = (cx - 0.05f + Jitter(), cy - 0.07f + Jitter());
                (_boxes[(i * 4) + 2], _boxes[(i * 4) + 3]) = (cx + 0.05f + Jitter(), cy + 0.07f + Jitter());
            }
        }
        _candidates = Decode();
        _passOutputs = [.. Enumerable.Range(0, Passes).SelectMany(_ => NonMaxSuppression.Apply(_candidates, 0.4f))];
    }

    [Benchmark]
    public List<FaceCandidate> Decode() =>
        DetectionPostprocessor.Decode(_scores, _boxes, 320, 240, new Letterbox(0, 0, 0.25f), 0.7f);

    [Benchmark]
    public List<FaceCandidate> NmsOnePass() => NonMaxSuppression.Apply(_candidates, 0.4f);

    [Benchmark]
    public List<FaceCandidate> MergeAcrossPasses() => NonMaxSuppression.Apply(_passOutputs, 0.4f, 0.4f);
}
