using System.Globalization;
using System.Xml.Linq;
using Identities.Detector.V1;
using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using Xunit.Abstractions;

namespace Identities.Pipeline.Tests.Detector;

/// <summary>
/// Every box is a face, and every face of a group photo is found: the detector worker over gRPC on the shared
/// detection photos (../shared/faces/detection). docs/DETECTION.md has the benchmark behind these.
/// </summary>
public sealed class DetectionPhotoTests(PipelineFixture pipeline, ITestOutputHelper output) : IClassFixture<PipelineFixture>
{
    [SkippableFact]
    public async Task Detect_DlibAnnotatedPhotos_FindsEveryFaceWithNoFalseBox()
    {
        DetectionPhotos.SkipIfMissing();
        var images = new[] { "training.xml", "testing.xml" }
            .SelectMany(xml => XDocument.Load(DetectionPhotos.PathOf(Path.Combine("dlib", xml))).Descendants("image"))
            .ToList();
        var faces = 0;
        foreach (var image in images)
        {
            var file = (string)image.Attribute("file")!;
            var boxes = image.Elements("box").Select(b => (
                Left: Number(b, "left"), Top: Number(b, "top"), Width: Number(b, "width"), Height: Number(b, "height"),
                Ignore: (string?)b.Attribute("ignore") == "1")).ToList();
            var response = await pipeline.DetectAsync(DetectionPhotos.Read(Path.Combine("dlib", file)));
            output.WriteLine($"{file}: {boxes.Count} annotated, {response.Faces.Count} found");

            // Each annotated face holds the centre of exactly one box; each box's centre lies in an annotated face.
            foreach (var face in boxes.Where(b => !b.Ignore))
            {
                var inside = response.Faces.Count(f => Contains(face, f.Box));
                Assert.True(inside == 1, $"{file}: the face at {face.Left},{face.Top} holds the centres of {inside} boxes");
                faces++;
            }
            foreach (var found in response.Faces)
            {
                Assert.True(boxes.Any(b => Contains(b, found.Box)),
                    $"{file}: false box at {found.Box.X:F0},{found.Box.Y:F0} {found.Box.Width:F0}x{found.Box.Height:F0} (score {found.Score:F3})");
            }
        }
        Assert.Equal(43, faces);
    }

    [SkippableTheory]
    [InlineData("dlib/dogs.jpg")]
    [InlineData("misc/insightface-mask_white.jpg")]
    public async Task Detect_PhotoWithoutPeople_FindsNoFace(string file)
    {
        DetectionPhotos.SkipIfMissing();
        var response = await pipeline.DetectAsync(DetectionPhotos.Read(file));
        Assert.True(response.Faces.Count == 0,
            $"{file}: {string.Join(", ", response.Faces.Select(f => $"{f.Score:F3} at {f.Box.X:F0},{f.Box.Y:F0} {f.Box.Width:F0}x{f.Box.Height:F0}"))}");
    }

    [SkippableTheory]
    [InlineData("misc/insightface-t1.jpg")]
    [InlineData("misc/facenet-pytorch-multiface.jpg")]
    public async Task Detect_SixPeopleWithHandsInView_FindsExactlySixFaces(string file)
    {
        DetectionPhotos.SkipIfMissing();
        var response = await pipeline.DetectAsync(DetectionPhotos.Read(file));
        output.WriteLine(string.Join(", ", response.Faces.Select(f => $"{f.Score:F3} at {f.Box.X:F0},{f.Box.Y:F0}")));
        Assert.Equal(6, response.Faces.Count);
    }

    [SkippableFact]
    public async Task Detect_CrowdSelfie_AnswersMoreThan256FacesWithCrops()
    {
        DetectionPhotos.SkipIfMissing();
        var response = await pipeline.DetectAsync(DetectionPhotos.Read("ulfd/17.jpg"));
        output.WriteLine($"ulfd/17.jpg: {response.Faces.Count} faces");
        Assert.InRange(response.Faces.Count, 257, 1000);
        Assert.All(response.Faces, f => Assert.Equal(112 * 112 * 3, f.Aligned.Rgb.Length));
    }

    private static bool Contains((float Left, float Top, float Width, float Height, bool Ignore) face, BoundingBox box)
    {
        var x = box.X + (box.Width / 2);
        var y = box.Y + (box.Height / 2);
        return x >= face.Left && x <= face.Left + face.Width && y >= face.Top && y <= face.Top + face.Height;
    }

    private static float Number(XElement box, string name) => float.Parse((string)box.Attribute(name)!, CultureInfo.InvariantCulture);
}
