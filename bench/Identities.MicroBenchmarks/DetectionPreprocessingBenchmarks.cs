using BenchmarkDotNet.Attributes;
using Identities.Detector.Detection;
using OpenCvSharp;

namespace Identities.MicroBenchmarks;

/// <summary>
/// DetectionPreprocessor.Fill (BGR Mat to the 320x240 RGB tensor) on the shared 1382x1868 photo: the whole
/// image (pass 0) and one level-2 tile, from a full decode and from the 1/2 decode the detector uses for it.
/// </summary>
[NeedsSharedPhoto]
public class DetectionPreprocessingBenchmarks
{
    private const int InputWidth = 320;
    private const int InputHeight = 240;

    private readonly float[] _tensor = new float[3 * InputWidth * InputHeight];
    private Mat _full = null!;
    private Mat _half = null!;
    private Rect _tile;

    [GlobalSetup]
    public void Setup()
    {
        var jpeg = SharedPhoto.Read();
        _full = Cv2.ImDecode(jpeg, ImreadModes.Color);
        _half = Cv2.ImDecode(jpeg, ImreadModes.ReducedColor2);
        // A middle tile of the deepest level, as FaceDetectionPipeline searches it.
        var tiles = TilePlanner.Plan(_full.Cols, _full.Rows, InputWidth, InputHeight, maxLevels: 2);
        _tile = tiles.Where(t => t.Level == tiles.Max(x => x.Level)).ElementAt(5).Region;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _full.Dispose();
        _half.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Letterbox WholeImage_FullDecode() =>
        DetectionPreprocessor.Fill(_full, new Rect(0, 0, _full.Cols, _full.Rows), InputWidth, InputHeight, _tensor);

    [Benchmark]
    public Letterbox WholeImage_HalfDecode() =>
        DetectionPreprocessor.Fill(_half, new Rect(0, 0, _half.Cols, _half.Rows), InputWidth, InputHeight, _tensor);

    [Benchmark]
    public Letterbox Level2Tile_FullDecode() =>
        DetectionPreprocessor.Fill(_full, _tile, InputWidth, InputHeight, _tensor);

    [Benchmark]
    public Letterbox Level2Tile_HalfDecode() =>
        DetectionPreprocessor.Fill(_half, new Rect(_tile.X / 2, _tile.Y / 2, _tile.Width / 2, _tile.Height / 2), InputWidth, InputHeight, _tensor);
}
