using BenchmarkDotNet.Attributes;
using Identities.Detector;
using Identities.Detector.Imaging;
using Microsoft.Extensions.Options;

namespace Identities.MicroBenchmarks;

/// <summary>ImageDecoder on the shared 1382x1868 JPEG at each libjpeg DCT-scaling reduction (docs/DETECTION.md).</summary>
[NeedsSharedPhoto]
public class JpegDecodeBenchmarks
{
    private readonly ImageDecoder _decoder = new(Options.Create(new DetectorOptions()));
    private byte[] _jpeg = [];
    private ImageHeader _header = null!;

    [Params(1, 2, 4, 8)]
    public int Reduction { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _jpeg = SharedPhoto.Read();
        _header = _decoder.ReadHeader(_jpeg);
    }

    [Benchmark]
    public int Decode()
    {
        using var image = _decoder.Decode(_jpeg, _header, Reduction);
        return image.Image.Cols;
    }
}
