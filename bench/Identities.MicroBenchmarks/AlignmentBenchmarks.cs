using BenchmarkDotNet.Attributes;
using Identities.Detector.Alignment;
using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.MicroBenchmarks;

/// <summary>
/// 5-point alignment on the shared 1382x1868 photo: the similarity fit alone, the 112x112 warp from the full
/// and the 1/2 decode, and the crop's conversion to the embedder's RGB bytes. The five points are the
/// reference layout scaled to the photo's face (inter-ocular distance about 270 px) and turned 5 degrees.
/// </summary>
[NeedsSharedPhoto]
public class AlignmentBenchmarks
{
    private Mat _full = null!;
    private Mat _half = null!;
    private Mat _aligned = null!;
    private PointF[] _points = [];
    private PointF[] _halfPoints = [];

    [GlobalSetup]
    public void Setup()
    {
        var jpeg = SharedPhoto.Read();
        _full = Cv2.ImDecode(jpeg, ImreadModes.Color);
        _half = Cv2.ImDecode(jpeg, ImreadModes.ReducedColor2);
        var (scale, angle) = (270 / 35.2f, 5 * MathF.PI / 180);
        _points = [.. FaceAligner.ReferencePoints.Select(p =>
        {
            var (x, y) = ((p.X - 56) * scale, (p.Y - 72) * scale);
            return new PointF(690 + (x * MathF.Cos(angle)) - (y * MathF.Sin(angle)), 900 + (x * MathF.Sin(angle)) + (y * MathF.Cos(angle)));
        })];
        _halfPoints = [.. _points.Select(p => new PointF(p.X / 2, p.Y / 2))];
        _aligned = FaceAligner.Align(_full, _points);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _full.Dispose();
        _half.Dispose();
        _aligned.Dispose();
    }

    [Benchmark]
    public SimilarityTransform EstimateTransform() => SimilarityTransform.Estimate(_points, FaceAligner.ReferencePoints);

    [Benchmark(Baseline = true)]
    public int Align_FullDecode()
    {
        using var aligned = FaceAligner.Align(_full, _points);
        return aligned.Cols;
    }

    [Benchmark]
    public int Align_HalfDecode()
    {
        using var aligned = FaceAligner.Align(_half, _halfPoints);
        return aligned.Cols;
    }

    [Benchmark]
    public byte[] ToRgbBytes() => FaceAligner.ToRgbBytes(_aligned);
}
