using System.Net.Http.Json;
using System.Text.Json;
using Identities.Testing;
using OpenCvSharp;

namespace Identities.Gateway.Tests;

/// <summary>
/// faceDetect on photos with more faces than one embedder or registry call takes: every face is answered, in
/// order, the crops going to the embedder and registry in batches (Gateway:EmbedBatchSize, SearchBatchSize).
/// </summary>
public sealed class CrowdTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task FaceDetect_CrowdSelfieWithMoreThan256Faces_AnswersEveryFace()
    {
        DetectionPhotos.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();

        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Convert.ToBase64String(DetectionPhotos.Read("ulfd/17.jpg")) });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        var detections = body.GetProperty("detections").EnumerateArray().ToList();
        Assert.InRange(detections.Count, 257, 1000);
        Assert.Equal(detections.Count, detections.Select(d => d.GetProperty("faceId").GetString()).Distinct().Count());
        Assert.All(detections, d => Assert.True(d.GetProperty("boundingBox").GetProperty("width").GetInt32() > 0));
    }

    [SkippableFact]
    public async Task FaceDetect_FacesSpreadOverSeveralBatches_MatchEachFaceToItsOwnPerson()
    {
        SharedFaces.SkipIfMissing();
        // Batches of 1 crop and 2 searches: the selfie's six faces take six embedder and three registry calls.
        var gateway = new Uri(stack.StartGateway(stack.RegistryAddress, new Dictionary<string, string?>
        {
            ["Gateway:EmbedBatchSize"] = "1",
            ["Gateway:SearchBatchSize"] = "2",
        }));
        using var admin = await stack.CreateAdminClientAsync();
        var selfie = SharedFaces.Read("selfie-many-people.jpg");
        using var photo = Cv2.ImDecode(selfie, ImreadModes.Color);
        var before = await DetectAsync(admin, selfie);
        Assert.True(before.Count >= 6, $"{before.Count} faces");

        // Enroll, from a crop of the photo around it, the last face lying whole inside the photo: a later batch of both calls.
        var index = before.FindLastIndex(d => Rectangle(d) is var r && r.X > 5 && r.Y > 5 && r.Right < photo.Cols - 5 && r.Bottom < photo.Rows - 5);
        Assert.True(index >= 2, $"the last whole face is face {index}");
        var face = Rectangle(before[index]);
        var around = new Rect(face.X - (face.Width / 2), face.Y - (face.Height / 2), 2 * face.Width, 2 * face.Height).Intersect(new Rect(0, 0, photo.Cols, photo.Rows));
        using var crop = new Mat(photo, around);
        Cv2.ImEncode(".png", crop, out var png);
        var enroll = await admin.PostAsJsonAsync("/api/v1/faces/faceEnroll?forceEnrollment=true", new { faceImage = Convert.ToBase64String(png) });
        var enrolled = await enroll.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(enroll.IsSuccessStatusCode, enrolled.ToString());
        var personId = enrolled.GetProperty("personId").GetString();

        using var batched = stack.CreateClient(gateway);
        batched.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var after = await DetectAsync(batched, selfie);

        Assert.Equal(before.Select(Box), after.Select(Box));
        Assert.Equal(personId, after[index].GetProperty("personId").GetString());
        Assert.All(after.Where((_, i) => i != index), d => Assert.NotEqual(personId, d.GetProperty("personId").GetString()));
    }

    [SkippableFact]
    public async Task FaceDetect_MoreFacesThanTheDetectorAnswers_Is400TooManyFaces()
    {
        SharedFaces.SkipIfMissing();
        var detector = stack.StartDetector(new Dictionary<string, string?> { ["Detector:MaxFacesPerImage"] = "3" });
        var gateway = new Uri(stack.StartGateway(stack.RegistryAddress, new Dictionary<string, string?> { ["Gateway:DetectorAddress"] = detector }));
        using var admin = await stack.CreateAdminClientAsync();
        using var client = stack.CreateClient(gateway);
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;

        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Convert.ToBase64String(SharedFaces.Read("selfie-many-people.jpg")) });

        var problem = await Problem.AssertAsync(response, System.Net.HttpStatusCode.BadRequest, "too_many_faces");
        Assert.Equal("image", problem.GetProperty("field").GetString());
    }

    private static async Task<List<JsonElement>> DetectAsync(HttpClient client, byte[] image)
    {
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Convert.ToBase64String(image) });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return [.. body.GetProperty("detections").EnumerateArray()];
    }

    private static Rect Rectangle(JsonElement detection)
    {
        var box = detection.GetProperty("boundingBox");
        return new Rect(box.GetProperty("x").GetInt32(), box.GetProperty("y").GetInt32(), box.GetProperty("width").GetInt32(), box.GetProperty("height").GetInt32());
    }

    private static string Box(JsonElement detection) => detection.GetProperty("boundingBox").ToString();
}
