using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Identities.Gateway.Tests;

/// <summary>401 and 403 from their real causes, login, least privilege and throttling.</summary>
public sealed class AuthTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task FaceDetect_NoToken_Is401()
    {
        using var client = stack.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = "AAAA" });
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task FaceDetect_TokenWithWrongSignature_Is401()
    {
        using var client = stack.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(RandomNumberGenerator.GetBytes(32), DateTime.UtcNow.AddHours(1)));
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = "AAAA" });
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task FaceDetect_ExpiredToken_Is401()
    {
        using var client = stack.CreateClient();
        var key = await File.ReadAllBytesAsync(Path.Combine(stack.DataDirectory, "keys", "jwt-signing.key"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(key, DateTime.UtcNow.AddMinutes(-10)));
        var response = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = "AAAA" });
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task FaceEnroll_TokenWithoutFaceEnrollment_Is403()
    {
        using var kiosk = await stack.CreateClientAsync(StackFixture.DetectorUser, StackFixture.DetectorPassword);
        var response = await kiosk.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = "AAAA" });
        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Login_AskingForASubset_GetsATokenWithOnlyThatPermission()
    {
        using var narrowed = await stack.CreateClientAsync("admin", StackFixture.AdminPassword, "Face Detection");
        var enroll = await narrowed.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = "AAAA" });
        await Problem.AssertAsync(enroll, HttpStatusCode.Forbidden, "forbidden");
        var check = await narrowed.GetAsync(new Uri("/api/v1/faces/checkImageReference/anything", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task Login_AskingForAPermissionNotHeld_Is403()
    {
        using var client = stack.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = StackFixture.DetectorUser, password = StackFixture.DetectorPassword, permissions = new[] { "Face Enrollment" } });
        await Problem.AssertAsync(response, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Login_RepeatedWrongPasswords_AreThrottled()
    {
        using var client = stack.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            // Its own user name: the lock is per user and client address, and other tests log in as admin.
            var wrong = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "ghost", password = $"guess-{i}" });
            await Problem.AssertAsync(wrong, HttpStatusCode.Unauthorized, "unauthorized");
        }
        var locked = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "ghost", password = "guess-5" });
        await Problem.AssertAsync(locked, HttpStatusCode.TooManyRequests, "too_many_attempts");
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    private static string Token(byte[] key, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("sub", "mallory"), new Claim("permission", "Face Detection")]),
        Issuer = "identities",
        Audience = "identities",
        NotBefore = expires.AddHours(-2),
        IssuedAt = expires.AddHours(-2),
        Expires = expires,
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
    });
}
