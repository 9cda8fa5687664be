using Identities.Detector.V1;
using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using OpenCvSharp;
using Xunit.Abstractions;

namespace Identities.Pipeline.Tests.Detector;

/// <summary>
/// Reduced JPEG decoding over gRPC: the default worker (reductions up to 1/8) against a worker that always
/// decodes at full size, on the same bytes. Boxes and landmarks must stay in original pixels and agree.
/// </summary>
public sealed class ReducedDecodeTests(PipelineFixture pipeline, FullDecodeDetectorFixture full, ITestOutputHelper output)
    : IClassFixture<PipelineFixture>, IClassFixture<FullDecodeDetectorFixture>
{
    // Share of the box's height a box edge or landmark may move: about 1.5 pixels of the model's 320x240 input
    // for a face the whole-image pass found, where a different resampling of the same photo moves boxes too.
    private const float RelativeTolerance = 0.02f;

    [SkippableTheory]
    [InlineData("img1.jpg")]  // 1382x1868: 1/2
    [InlineData("img49.jpg")] // 4352x2903: 1/4
    [InlineData("couple.jpg")]
    [InlineData("img40.jpg")] // 3061x4600: 1/2
    public async Task Detect_LargeJpegDecodedReduced_MatchesTheFullDecodeInOriginalPixels(string file)
    {
        SharedFaces.SkipIfMissing();
        var bytes = SharedFaces.Read(file);

        var reduced = await pipeline.DetectAsync(bytes);
        var reference = await full.DetectAsync(bytes);

        await AssertSameFacesAsync(file, reduced, reference);
    }

    [SkippableFact]
    public async Task Detect_SmallJpeg_IsNotReducedAndMatchesTheFullDecodeExactly()
    {
        SharedFaces.SkipIfMissing();
        var bytes = SharedFaces.Read("selfie-many-people.jpg");

        var reduced = await pipeline.DetectAsync(bytes);
        var reference = await full.DetectAsync(bytes);

        Assert.Equal(reference.Faces.Select(f => f.Box), reduced.Faces.Select(f => f.Box));
        Assert.Equal(reference.Faces.SelectMany(f => f.Landmarks), reduced.Faces.SelectMany(f => f.Landmarks));
    }

    [SkippableTheory]
    [MemberData(nameof(TestImages.ExifRotations), MemberType = typeof(TestImages))]
    public async Task Detect_ExifRotatedLargeJpeg_PrimaryFaceMatchesTheFullDecodeInUprightPixels(ushort orientation, RotateFlags storedAs)
    {
        SharedFaces.SkipIfMissing();
        // img49 (4352x2903) is decoded at 1/4; stored turned, its EXIF tag says how to turn it back.
        using var upright = TestImages.Load("img49.jpg");
        var jpeg = TestImages.StoredTurned(upright, orientation, storedAs);

        var reduced = await pipeline.DetectAsync(jpeg);
        var reference = await full.DetectAsync(jpeg);

        Assert.Equal((upright.Cols, upright.Rows), (reduced.ImageWidth, reduced.ImageHeight));
        // The primary face only: re-encoding adds a borderline tile box (score 0.86 against TileMinScore 0.85)
        // in the reduced decode of this copy; the 64 shared photos themselves give the same faces (docs/DETECTION.md).
        await AssertSameFacesAsync($"img49.jpg turned, orientation {orientation}", Primary(reduced), Primary(reference));
    }

    [SkippableFact]
    public async Task Detect_SmallFaceInLargeJpeg_IsDescribedFromAFinerDecode()
    {
        SharedFaces.SkipIfMissing();
        // A portrait shrunk so its face box is about 150 px, on a 3000x2000 canvas the detector decodes at 1/2:
        // at 1/2 the face would have 75 px, under MinDecodedFaceSize (112), so its crop comes from a full decode.
        using var portrait = TestImages.Load("img21.jpg");
        var face = (await full.DetectAsync(TestImages.Encode(portrait, ".png"))).Faces[0].Box;
        var shrink = 150.0 / face.Width;
        using var small = new Mat();
        Cv2.Resize(portrait, small, new Size(0, 0), shrink, shrink, InterpolationFlags.Area);
        using var canvas = new Mat(2000, 3000, MatType.CV_8UC3, new Scalar(110, 120, 130));
        using (var target = new Mat(canvas, new Rect(1700, 900, small.Cols, small.Rows)))
        {
            small.CopyTo(target);
        }
        var jpeg = TestImages.Encode(canvas, ".jpg");

        var reduced = await pipeline.DetectAsync(jpeg);
        var reference = await full.DetectAsync(jpeg);

        Assert.Single(reduced.Faces);
        Assert.InRange(reduced.Faces[0].Box.Width, 100, 220);
        await AssertSameFacesAsync("img21.jpg small on a large canvas", reduced, reference);
    }

    /// <summary>Same faces, boxes and landmarks within a few pixels, and embeddings of the aligned crops that agree.</summary>
    private async Task AssertSameFacesAsync(string name, DetectResponse reduced, DetectResponse reference)
    {
        Assert.Equal((reference.ImageWidth, reference.ImageHeight), (reduced.ImageWidth, reduced.ImageHeight));
        Assert.True(reference.Faces.Count == reduced.Faces.Count,
            $"{name}: {reduced.Faces.Count} faces reduced ({Describe(reduced)}), {reference.Faces.Count} at full size ({Describe(reference)})");
        Assert.NotEmpty(reduced.Faces);
        var reducedVectors = await pipeline.EmbedAsync(reduced.Faces.Select(f => f.Aligned));
        var referenceVectors = await pipeline.EmbedAsync(reference.Faces.Select(f => f.Aligned));
        for (var i = 0; i < reference.Faces.Count; i++)
        {
            var expected = reference.Faces[i];
            // Faces may swap places when their scores are close: pair each with the nearest reference box.
            var match = reduced.Faces.OrderBy(f => Distance(f.Box, expected.Box)).First();
            var j = reduced.Faces.IndexOf(match);
            var boxError = MaxEdgeError(match.Box, expected.Box);
            var landmarkError = match.Landmarks.Zip(expected.Landmarks, (a, b) => MathF.Max(MathF.Abs(a.X - b.X), MathF.Abs(a.Y - b.Y))).Max();
            var cosine = Vectors.Cosine(reducedVectors[j], referenceVectors[i]);
            output.WriteLine($"{name} face {i} ({expected.Box.Width:F0}x{expected.Box.Height:F0}): box edges within {boxError:F1} px, " +
                $"landmarks within {landmarkError:F1} px, embedding cosine {cosine:F4}, quality {match.Quality.Score:F2} vs {expected.Quality.Score:F2}, " +
                $"inter-ocular {match.Quality.InterOcularDistance:F1} vs {expected.Quality.InterOcularDistance:F1}");
            var tolerance = Math.Max(2f, RelativeTolerance * expected.Box.Height);
            Assert.True(boxError <= tolerance, $"{name} face {i}: a box edge moved {boxError:F1} px (tolerance {tolerance:F1})");
            Assert.True(landmarkError <= tolerance, $"{name} face {i}: a landmark moved {landmarkError:F1} px (tolerance {tolerance:F1})");
            Assert.True(cosine >= 0.9f, $"{name} face {i}: the embeddings of the two crops differ (cosine {cosine:F3})");
        }
    }

    private static DetectResponse Primary(DetectResponse response) => new()
    {
        ImageWidth = response.ImageWidth,
        ImageHeight = response.ImageHeight,
        Faces = { response.Faces.Take(1) },
    };

    private static string Describe(DetectResponse response) =>
        string.Join("; ", response.Faces.Select(f => $"{f.Score:F2} at {f.Box.X:F0},{f.Box.Y:F0} {f.Box.Width:F0}x{f.Box.Height:F0}"));

    private static float MaxEdgeError(BoundingBox a, BoundingBox b) => new[]
    {
        MathF.Abs(a.X - b.X), MathF.Abs(a.Y - b.Y),
        MathF.Abs(a.X + a.Width - (b.X + b.Width)), MathF.Abs(a.Y + a.Height - (b.Y + b.Height)),
    }.Max();

    private static float Distance(BoundingBox a, BoundingBox b) => MathF.Abs(a.X - b.X) + MathF.Abs(a.Y - b.Y);
}
