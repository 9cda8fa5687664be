using System.Diagnostics;
using Grpc.Core;
using Identities.Contracts.Errors;
using Identities.Detector.V1;
using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using OpenCvSharp;
using Xunit.Abstractions;

namespace Identities.Pipeline.Tests.Detector;

/// <summary>The detector worker over gRPC with the real models and the shared photos.</summary>
public sealed class DetectorTests(PipelineFixture pipeline, ITestOutputHelper output) : IClassFixture<PipelineFixture>
{
    [SkippableFact]
    public async Task Detect_EverySharedPhoto_FindsAFaceWithFiveLandmarksInsideItsBox()
    {
        SharedFaces.SkipIfMissing();
        foreach (var file in SharedFaces.PortraitFiles().Append("couple.jpg"))
        {
            var response = await pipeline.DetectAsync(SharedFaces.Read(file));
            Assert.True(response.Faces.Count > 0, $"{file}: no face");
            var face = response.Faces[0];
            Assert.Equal(5, face.Landmarks.Count);
            Assert.All(face.Landmarks, p =>
            {
                Assert.InRange(p.X, face.Box.X, face.Box.X + face.Box.Width);
                Assert.InRange(p.Y, face.Box.Y, face.Box.Y + face.Box.Height);
            });
            Assert.Equal(112 * 112 * 3, face.Aligned.Rgb.Length);
        }
    }

    [SkippableFact]
    public async Task Detect_FacesInResponse_AreOrderedByScoreDescending()
    {
        SharedFaces.SkipIfMissing();
        var response = await pipeline.DetectAsync(SharedFaces.Read("selfie-many-people.jpg"));
        Assert.Equal(response.Faces.OrderByDescending(f => f.Score).Select(f => f.Score), response.Faces.Select(f => f.Score));
    }

    [SkippableFact]
    public async Task Detect_PrimaryFaceOfEachPhoto_IsThePersonTheLabelsName()
    {
        SharedFaces.SkipIfMissing();
        var groups = Verification.IdentityGroups.FromPairs(SharedFaces.LabelledPairs());
        foreach (var group in groups.GroupBy(g => g.Value).Where(g => g.Count() > 1))
        {
            var files = group.Select(g => g.Key).ToList();
            foreach (var file in files)
            {
                var mine = await pipeline.PrimaryEmbeddingAsync(file);
                var best = 0f;
                foreach (var other in files.Where(f => f != file))
                {
                    best = Math.Max(best, Vectors.Cosine(mine, await pipeline.PrimaryEmbeddingAsync(other)));
                }
                Assert.True(best >= Verification.VerificationTests.DefaultThreshold,
                    $"{file}: the primary face matches none of the same person's other photos (best cosine {best:F3})");
            }
        }
    }

    [SkippableFact]
    public async Task Detect_SelfieWithManyPeople_FindsMoreFacesThanTheRawModelsFour()
    {
        SharedFaces.SkipIfMissing();
        var response = await pipeline.DetectAsync(SharedFaces.Read("selfie-many-people.jpg"));
        output.WriteLine($"selfie-many-people.jpg: {response.Faces.Count} faces: " +
            string.Join(", ", response.Faces.Select(f => $"{f.Score:F2} {f.Box.Width:F0}x{f.Box.Height:F0}")));
        Assert.True(response.Faces.Count >= 6, $"found {response.Faces.Count} faces; 6 whole faces are visible");
        Assert.True(response.Faces.Count <= 8, $"found {response.Faces.Count} faces; at most 8 people are in the photo");
    }

    [SkippableFact]
    public async Task Detect_SharedPortraits_MostlyScoreQualityAtLeastHalf()
    {
        SharedFaces.SkipIfMissing();
        var scores = new List<float>();
        foreach (var file in SharedFaces.PortraitFiles())
        {
            scores.Add((await pipeline.DetectAsync(SharedFaces.Read(file))).Faces[0].Quality.Score);
        }
        var share = scores.Count(s => s >= 0.5f) / (double)scores.Count;
        output.WriteLine($"quality >= 0.5: {share:P0} of {scores.Count}; min {scores.Min():F2}, median {Percentiles.Of(scores.Select(s => (double)s), 50):F2}");
        Assert.True(share >= 0.9, $"only {share:P0} of the shared portraits score quality >= 0.5");
    }

    [SkippableTheory]
    [InlineData("img1.jpg")]
    [InlineData("img10.jpg")]
    [InlineData("img21.jpg")]
    [InlineData("img29.jpg")]
    [InlineData("img35.jpg")]
    public async Task Detect_BlurredTinyDarkOrHalfCroppedCopy_ScoresLowerQuality(string file)
    {
        SharedFaces.SkipIfMissing();
        using var original = TestImages.Load(file);
        var face = (await pipeline.DetectAsync(TestImages.Encode(original))).Faces[0];
        var baseline = face.Quality.Score;

        using var blurred = new Mat();
        Cv2.GaussianBlur(original, blurred, new Size(0, 0), face.Box.Width / 25);
        using var tiny = new Mat();
        var shrink = 36.0 / face.Box.Width;
        Cv2.Resize(original, tiny, new Size(0, 0), shrink, shrink, InterpolationFlags.Area);
        using var dark = new Mat();
        original.ConvertTo(dark, -1, 0.12, 0);
        var centreX = (int)(face.Box.X + (face.Box.Width / 2));
        using var halfCropped = new Mat(original, new Rect(0, 0, centreX, original.Rows)).Clone();

        foreach (var (name, image) in new[] { ("blurred", blurred), ("tiny", tiny), ("dark", dark), ("half-cropped", halfCropped) })
        {
            var faces = (await pipeline.DetectAsync(TestImages.Encode(image))).Faces;
            var quality = faces.Count > 0 ? faces[0].Quality.Score : 0;
            output.WriteLine($"{file} {name}: quality {quality:F2} (original {baseline:F2}){(faces.Count == 0 ? ", no face found" : "")}");
            Assert.True(quality < baseline - 0.1f, $"{file} {name}: quality {quality:F2} is not below the original's {baseline:F2}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(TestImages.ExifRotations), MemberType = typeof(TestImages))]
    public async Task Detect_JpegWithExifOrientation_SeesTheUprightImage(ushort orientation, RotateFlags storedAs)
    {
        SharedFaces.SkipIfMissing();
        using var upright = TestImages.Load("img10.jpg");
        var expected = (await pipeline.DetectAsync(TestImages.Encode(upright, ".jpg"))).Faces[0].Box;

        var response = await pipeline.DetectAsync(TestImages.StoredTurned(upright, orientation, storedAs));

        Assert.Equal(upright.Cols, response.ImageWidth);
        Assert.Equal(upright.Rows, response.ImageHeight);
        var box = response.Faces[0].Box;
        Assert.InRange(box.X, expected.X - 10, expected.X + 10);
        Assert.InRange(box.Y, expected.Y - 10, expected.Y + 10);
    }

    [SkippableTheory]
    [InlineData(".png")]
    [InlineData(".bmp")]
    [InlineData(".webp")]
    [InlineData(".jpg")]
    public async Task Detect_EachSupportedFormat_FindsTheFace(string extension)
    {
        SharedFaces.SkipIfMissing();
        using var image = TestImages.Load("img21.jpg");
        var response = await pipeline.DetectAsync(TestImages.Encode(image, extension));
        Assert.Single(response.Faces);
    }

    [Fact]
    public async Task Detect_RandomBytes_IsInvalidArgumentUnsupportedFormat()
    {
        var bytes = new byte[1000];
        new Random(7).NextBytes(bytes);
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => pipeline.DetectAsync(bytes));
        Assert.Equal(DetectorErrorReasons.UnsupportedFormat, RpcAssert.Reason(status));
    }

    [Fact]
    public async Task Detect_EmptyImage_IsInvalidArgument()
    {
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => pipeline.DetectAsync([]));
        Assert.Equal(DetectorErrorReasons.Empty, RpcAssert.Reason(status));
    }

    [Fact]
    public async Task Detect_HeaderClaimingAGigapixel_IsRefusedBeforeDecoding()
    {
        var bomb = TestImages.PngHeaderOnly(40_000, 40_000);
        var started = Stopwatch.GetTimestamp();
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => pipeline.DetectAsync(bomb));
        Assert.Equal(DetectorErrorReasons.TooManyPixels, RpcAssert.Reason(status));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Detect_TinyImage_IsInvalidArgumentTooSmall()
    {
        using var tiny = new Mat(20, 20, MatType.CV_8UC3, Scalar.Gray);
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => pipeline.DetectAsync(TestImages.Encode(tiny)));
        Assert.Equal(DetectorErrorReasons.TooSmall, RpcAssert.Reason(status));
    }

    [Fact]
    public async Task Detect_JpegHeaderWithCorruptBody_IsInvalidArgumentUndecodable()
    {
        using var image = new Mat(200, 200, MatType.CV_8UC3, Scalar.Gray);
        var jpeg = TestImages.Encode(image, ".jpg");
        var corrupt = jpeg[..Math.Min(jpeg.Length, 200)];
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, () => pipeline.DetectAsync([.. corrupt, .. new byte[50]]));
        Assert.Equal(DetectorErrorReasons.Undecodable, RpcAssert.Reason(status));
    }

    [Fact]
    public async Task Detect_PlainGreyImage_ReturnsNoFaces()
    {
        using var image = new Mat(480, 640, MatType.CV_8UC3, Scalar.Gray);
        var response = await pipeline.DetectAsync(TestImages.Encode(image));
        Assert.Empty(response.Faces);
        Assert.Equal(640, response.ImageWidth);
    }

    [SkippableFact]
    public async Task Detect_OmitCropsAndMaxFaces_AreHonoured()
    {
        SharedFaces.SkipIfMissing();
        var response = await pipeline.DetectAsync(SharedFaces.Read("selfie-many-people.jpg"), new DetectOptions { OmitCrops = true, MaxFaces = 2 });
        Assert.Equal(2, response.Faces.Count);
        Assert.All(response.Faces, f => Assert.Null(f.Aligned));
    }

    [SkippableFact]
    public async Task Detect_DeadlineAlreadyPassed_IsDeadlineExceeded()
    {
        SharedFaces.SkipIfMissing();
        var request = new DetectRequest { Image = Google.Protobuf.ByteString.CopyFrom(SharedFaces.Read("img40.jpg")) };
        await RpcAssert.FailsWithAsync(StatusCode.DeadlineExceeded,
            async () => await pipeline.Detector.DetectAsync(request, deadline: DateTime.UtcNow.AddMilliseconds(-1)));
    }

    [SkippableFact]
    public async Task Detect_MoreFacesThanMaxFacesPerImage_IsInvalidArgumentTooManyFaces()
    {
        SharedFaces.SkipIfMissing();
        await using var host = new WorkerFactory<Identities.Detector.Grpc.FaceDetectorService>(new Dictionary<string, string?> { ["Detector:MaxFacesPerImage"] = "3" });
        var detector = new FaceDetector.FaceDetectorClient(await host.StartServingAsync(TimeSpan.FromMinutes(2)));

        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument,
            async () => await detector.DetectAsync(new DetectRequest { Image = Google.Protobuf.ByteString.CopyFrom(SharedFaces.Read("selfie-many-people.jpg")) }));

        Assert.Equal("too_many_faces", RpcAssert.Reason(status));
        var limited = await detector.DetectAsync(new DetectRequest { Image = Google.Protobuf.ByteString.CopyFrom(SharedFaces.Read("selfie-many-people.jpg")), Options = new DetectOptions { MaxFaces = 3 } });
        Assert.Equal(3, limited.Faces.Count);
    }
}
