using System.Net.Http.Json;
using System.Text.Json;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>The contract's main flow end to end over HTTPS: enroll, identify, compare, check the reference.</summary>
public sealed class FaceFlowTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task FaceApi_EnrollThenDetectCompareAndCheck_FollowsTheContract()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();

        // Enroll from one photo: a new person.
        var enroll = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = Images.Base64(Images.PersonA1), photoReferenceId = "ext-123" });
        var enrolled = await enroll.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(enroll.IsSuccessStatusCode, enrolled.ToString());
        var personId = enrolled.GetProperty("personId").GetString()!;
        Assert.True(Guid.TryParse(personId, out _));

        // Another photo of the same person is identified as them.
        var detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Images.Base64(Images.PersonA2) });
        var detections = (await detect.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detections");
        var face = Assert.Single(detections.EnumerateArray());
        Assert.Equal(personId, face.GetProperty("personId").GetString());
        Assert.True(Guid.TryParse(face.GetProperty("faceId").GetString(), out _));
        Assert.InRange(face.GetProperty("confidence").GetDouble(), 0.5, 1.0);
        Assert.InRange(face.GetProperty("quality").GetDouble(), 0.5, 1.0);
        var box = face.GetProperty("boundingBox");
        Assert.True(box.GetProperty("width").GetInt32() > 50 && box.GetProperty("height").GetInt32() > 50);

        // Someone never enrolled: personId null.
        var stranger = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Images.Base64(Images.Stranger) });
        var strangerFace = (await stranger.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detections")[0];
        Assert.Equal(JsonValueKind.Null, strangerFace.GetProperty("personId").ValueKind);

        // 1:1 compare: same person matches, two people do not.
        var same = await (await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = Images.Base64(Images.PersonA1), image2 = Images.Base64(Images.PersonA3) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(same.GetProperty("match").GetBoolean(), same.ToString());
        var different = await (await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = Images.Base64(Images.PersonA1), image2 = Images.Base64(Images.Stranger) })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(different.GetProperty("match").GetBoolean(), different.ToString());
        Assert.True(same.GetProperty("confidence").GetDouble() > different.GetProperty("confidence").GetDouble());
        // threshold is an addition (the web console shows it): the configured Gateway:MatchThreshold.
        Assert.Equal(0.70, same.GetProperty("threshold").GetDouble(), 6);

        // The reference exists with its detection id; a made-up one does not.
        var check = await client.GetFromJsonAsync<JsonElement>("/api/v1/faces/checkImageReference/ext-123");
        Assert.True(check.GetProperty("exists").GetBoolean());
        Assert.True(Guid.TryParse(check.GetProperty("faceId").GetString(), out _));
        Assert.True(Guid.TryParse(check.GetProperty("detectId").GetString(), out _));
        var missing = await client.GetFromJsonAsync<JsonElement>("/api/v1/faces/checkImageReference/made-up-ref");
        Assert.False(missing.GetProperty("exists").GetBoolean());

        // ?personId= adds a face to that person.
        var add = await client.PostAsJsonAsync($"/api/v1/faces/faceEnroll?personId={personId}&forceEnrollment=false", new { faceImage = Images.Base64(Images.PersonA3) });
        var added = await add.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(add.IsSuccessStatusCode, added.ToString());
        Assert.Equal(personId, added.GetProperty("personId").GetString());
    }
}
