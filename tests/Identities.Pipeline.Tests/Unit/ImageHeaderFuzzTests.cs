using System.Buffers.Binary;
using Identities.Detector;
using Identities.Detector.Imaging;
using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using Microsoft.Extensions.Options;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Unit;

/// <summary>
/// Mutated real headers through the detector's header check: every outcome is a header or an
/// ImageRejectedException (INVALID_ARGUMENT, a 400 at the gateway), never another exception (a 500).
/// </summary>
public class ImageHeaderFuzzTests
{
    private const int Iterations = 60_000;

    // Boundary values that break arithmetic on sizes: sign bit, all ones, the largest positive, zero.
    private static readonly uint[] Boundaries = [0x80000000, 0xFFFFFFFF, 0x7FFFFFFF, 0, 0x8000, 0xFFFF, 1];

    private readonly ImageDecoder _decoder = new(Options.Create(new DetectorOptions()));

    [Fact]
    public void ReadHeader_TensOfThousandsOfMutatedHeaders_OnlyAcceptsOrRejectsAsInvalidImage()
    {
        var formats = Seeds().GroupBy(s => s.Format).Select(g => g.ToList()).ToList();
        var random = new Random(20261130);
        var accepted = 0;
        var rejected = 0;
        for (var i = 0; i < Iterations; i++)
        {
            // Each format as often as the others, whatever its number of seeds.
            var format = formats[random.Next(formats.Count)];
            var seed = format[random.Next(format.Count)];
            var mutated = Mutate(seed.Bytes, random);
            try
            {
                _decoder.ReadHeader(mutated);
                accepted++;
            }
            catch (ImageRejectedException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}, seed {seed.Name}: {ex.GetType().Name}: {ex.Message}; first bytes {Convert.ToHexString(mutated.AsSpan(0, Math.Min(32, mutated.Length)))}");
            }
        }
        // Both outcomes occur: the mutations are neither all harmless nor all fatal.
        Assert.True(accepted > Iterations / 20 && rejected > Iterations / 20, $"accepted {accepted}, rejected {rejected}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            // Most mutations land in the first 64 bytes, where the sizes and markers are.
            var window = Math.Min(bytes.Length, random.Next(4) == 0 ? bytes.Length : 64);
            switch (random.Next(6))
            {
                case 0:
                    bytes[random.Next(window)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[random.Next(window)] = (byte)random.Next(256);
                    break;
                case 2 or 3 when window >= 36:
                    // Size fields sit at even offsets of the first 32 bytes in PNG, BMP and WebP headers.
                    var value = Boundaries[random.Next(Boundaries.Length)];
                    var at = random.Next(2) == 0 ? 2 * random.Next(16) : random.Next(window - 3);
                    if (random.Next(2) == 0)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
                    }
                    else
                    {
                        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
                    }
                    break;
                case 4:
                    bytes = bytes[..random.Next(bytes.Length + 1)];
                    break;
                default:
                    var from = random.Next(window);
                    var length = random.Next(1, 16);
                    bytes = [.. bytes[..from], .. Enumerable.Range(0, length).Select(_ => (byte)random.Next(256)), .. bytes[from..]];
                    break;
            }
            if (bytes.Length == 0)
            {
                break;
            }
        }
        return bytes;
    }

    /// <summary>Real encoder output of every format the reader knows, and the shared photos' first 64 KB where present.</summary>
    private static List<(string Format, string Name, byte[] Bytes)> Seeds()
    {
        using var image = new Mat(48, 64, MatType.CV_8UC3);
        Cv2.Randu(image, Scalar.All(0), Scalar.All(255));
        var jpeg = TestImages.Encode(image, ".jpg");
        var seeds = new List<(string, string, byte[])>
        {
            ("jpeg", "jpeg", jpeg),
            ("jpeg", "jpeg-exif", TestImages.WithExifOrientation(jpeg, 6)),
            ("png", "png", TestImages.Encode(image, ".png")),
            ("bmp", "bmp", TestImages.Encode(image, ".bmp")),
        };
        Cv2.ImEncode(".jpg", image, out var progressive, new ImageEncodingParam(ImwriteFlags.JpegProgressive, 1));
        seeds.Add(("jpeg", "jpeg-progressive", progressive));
        foreach (var quality in new[] { 80, 101 })
        {
            try
            {
                Cv2.ImEncode(".webp", image, out var webp, new ImageEncodingParam(ImwriteFlags.WebPQuality, quality));
                seeds.Add(("webp", $"webp-{quality}", webp));
            }
            catch (OpenCVException)
            {
                // This OpenCV build has no WebP encoder: the other formats still run.
            }
        }
        if (SharedFaces.Available)
        {
            foreach (var file in SharedFaces.PortraitFiles().Take(8))
            {
                var bytes = SharedFaces.Read(file);
                seeds.Add(("photo", file, bytes[..Math.Min(bytes.Length, 64 * 1024)]));
            }
        }
        return seeds;
    }
}
