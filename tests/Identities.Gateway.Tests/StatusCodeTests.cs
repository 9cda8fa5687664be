using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Identities.Testing;
using OpenCvSharp;

namespace Identities.Gateway.Tests;

/// <summary>Every error status from its real cause, and after each failure nothing was written.</summary>
public sealed class StatusCodeTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task FaceEnroll_UnknownPersonId_Is404AndWritesNothing()
    {
        using var client = await stack.CreateAdminClientAsync();
        var before = await stack.RegistryKeysAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/faces/faceEnroll?personId={Guid.NewGuid()}", new { faceImage = GreyPng() });
        await Problem.AssertAsync(response, HttpStatusCode.NotFound, "person_not_found");
        Assert.Equal(before, await stack.RegistryKeysAsync());
    }

    [Theory]
    [InlineData("{\"faceImage\": ", "invalid_json", null)]
    [InlineData("{}", "missing_field", "faceImage")]
    [InlineData("{\"faceImage\": \"***not base64***\"}", "invalid_base64", "faceImage")]
    [InlineData("{\"faceImage\": \"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\"}", "unsupported_image_format", "faceImage")]
    public async Task FaceEnroll_MalformedBody_Is400NamingTheField(string body, string code, string? field)
    {
        using var client = await stack.CreateAdminClientAsync();
        var before = await stack.RegistryKeysAsync();
        var response = await client.PostAsync(new Uri("/api/v1/faces/faceEnroll", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }
        Assert.Equal(before, await stack.RegistryKeysAsync());
    }

    [Fact]
    public async Task FaceEnroll_TruncatedJpeg_Is400Undecodable()
    {
        using var client = await stack.CreateAdminClientAsync();
        using var image = new Mat(200, 200, MatType.CV_8UC3, Scalar.Gray);
        Cv2.ImEncode(".jpg", image, out var jpeg);
        var corrupt = Convert.ToBase64String([.. jpeg[..200], .. new byte[50]]);
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = corrupt });
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "undecodable_image");
    }

    [Theory]
    [InlineData("personId=not-a-guid", "invalid_person_id")]
    [InlineData("forceEnrollment=maybe", "invalid_query")]
    public async Task FaceEnroll_BadQuery_Is400(string query, string code)
    {
        using var client = await stack.CreateAdminClientAsync();
        var response = await client.PostAsJsonAsync($"/api/v1/faces/faceEnroll?{query}", new { faceImage = GreyPng() });
        await Problem.AssertAsync(response, HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task FaceCompare_MissingSecondImage_Is400()
    {
        using var client = await stack.CreateAdminClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = GreyPng() });
        var problem = await Problem.AssertAsync(response, HttpStatusCode.BadRequest, "missing_field");
        Assert.Equal("image2", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task FaceDetect_BodyOverTheLimit_Is413()
    {
        using var client = await stack.CreateAdminClientAsync();
        var huge = Convert.ToBase64String(new byte[5 * 1024 * 1024]); // 6.7 MB as base64; the stack allows 6 MB
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = huge });
        await Problem.AssertAsync(response, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task FaceDetect_NoFace_Is200WithNoDetections()
    {
        using var client = await stack.CreateAdminClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = GreyPng() });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.GetProperty("detections").GetArrayLength());
    }

    [Fact]
    public async Task FaceEnroll_NoFace_Is500NoFaceAndWritesNothing()
    {
        using var client = await stack.CreateAdminClientAsync();
        var before = await stack.RegistryKeysAsync();
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = GreyPng() });
        await Problem.AssertAsync(response, HttpStatusCode.InternalServerError, "no_face");
        Assert.Equal(before, await stack.RegistryKeysAsync());
    }

    [SkippableFact]
    public async Task FaceEnroll_LowQualityUnlessForced_Is500LowQuality()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var before = await stack.RegistryKeysAsync();
        using var photo = Cv2.ImRead(SharedFaces.PathOf("img21.jpg"));
        using var blurred = new Mat();
        Cv2.GaussianBlur(photo, blurred, new Size(0, 0), 9);
        Cv2.ImEncode(".jpg", blurred, out var jpeg);
        var image = Convert.ToBase64String(jpeg);

        var refused = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = image });
        await Problem.AssertAsync(refused, HttpStatusCode.InternalServerError, "low_quality");
        Assert.Equal(before, await stack.RegistryKeysAsync());

        var forced = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll?forceEnrollment=true", new { faceImage = image });
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
    }

    [SkippableFact]
    public async Task FaceEnroll_TwoFacesOfSimilarSize_Is500MultipleFaces()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64("couple.jpg") });
        await Problem.AssertAsync(response, HttpStatusCode.InternalServerError, "multiple_faces");
    }

    [SkippableFact]
    public async Task FaceCompare_NoFaceInSecondImage_Is500NamingIt()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = Images.Base64(Images.PersonA1), image2 = GreyPng() });
        var problem = await Problem.AssertAsync(response, HttpStatusCode.InternalServerError, "no_face");
        Assert.Equal("image2", problem.GetProperty("field").GetString());
    }

    [SkippableFact]
    public async Task FaceEnroll_ReferenceAlreadyEnrolled_Is409NamingTheFaceAndAddsNothing()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var reference = "dup-" + Guid.NewGuid().ToString("N");
        var first = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64("img35.jpg"), photoReferenceId = reference });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var check = await client.GetFromJsonAsync<JsonElement>($"/api/v1/faces/checkImageReference/{reference}");
        var before = await stack.RegistryKeysAsync();

        var again = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64("img35.jpg"), photoReferenceId = reference });

        var problem = await Problem.AssertAsync(again, HttpStatusCode.Conflict, "reference_exists");
        Assert.Equal(check.GetProperty("faceId").GetString(), problem.GetProperty("existingFaceId").GetString());
        Assert.Equal(before, await stack.RegistryKeysAsync());
    }

    [SkippableTheory]
    [InlineData("dept/emp-1")]
    [InlineData("dept\\emp-1")]
    [InlineData("..")]
    public async Task FaceEnroll_ReferenceThatCannotBeChecked_Is400InvalidReferenceAndWritesNothing(string reference)
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var before = await stack.RegistryKeysAsync();

        var enroll = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64("img35.jpg"), photoReferenceId = reference });

        var problem = await Problem.AssertAsync(enroll, HttpStatusCode.BadRequest, "invalid_reference");
        Assert.Equal("photoReferenceId", problem.GetProperty("field").GetString());
        Assert.Equal(before, await stack.RegistryKeysAsync());
    }

    private static string GreyPng()
    {
        using var image = new Mat(240, 320, MatType.CV_8UC3, Scalar.Gray);
        Cv2.ImEncode(".png", image, out var png);
        return Convert.ToBase64String(png);
    }
}
