using System.Text;
using Identities.Gateway.Auth;
using Identities.Gateway.Faces;
using Identities.Gateway.Problems;
using Identities.Testing;
using Microsoft.AspNetCore.Http;

namespace Identities.Gateway.Tests;

/// <summary>
/// Mutated real request bodies through the gateway's JSON body reader: each is read or refused with a 400
/// problem, never another exception (a 500).
/// </summary>
public sealed class JsonBodyFuzzTests
{
    private const int Iterations = 30_000;

    // Fragments that stress a JSON reader: nesting, escapes, huge numbers, literals, broken UTF-8.
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", "\"", "\\", "\\u", "\\ud800", ":", ",", "null", "true", "1e999", "-0", "99999999999999999999",
        new string('[', 200), new string('{', 100), "\"a\":", "/*", "\u00ff", "\0", "==", "%",
    ];

    [Fact]
    public async Task ReadAsync_TensOfThousandsOfMutatedBodies_OnlyReadsOrAnswers400()
    {
        var image = Convert.ToBase64String(SharedFaces.Available ? SharedFaces.Read(Images.PersonA1)[..3000] : Encoding.ASCII.GetBytes(new string('x', 3000)));
        var seeds = new (string Body, Func<HttpRequest, Task> Read)[]
        {
            ($"{{\"faceImage\":\"{image}\",\"photoReferenceId\":\"ext-123\"}}", r => JsonBody.ReadAsync<FaceEnrollRequest>(r, default)),
            ($"{{\"image\":\"{image}\"}}", r => JsonBody.ReadAsync<FaceDetectRequest>(r, default)),
            ($"{{\"image1\":\"{image}\",\"image2\":\"{image}\"}}", r => JsonBody.ReadAsync<FaceCompareRequest>(r, default)),
            ("{\"username\":\"kiosk\",\"password\":\"kiosk-secret-1\",\"permissions\":[\"Face Detection\"]}", r => JsonBody.ReadAsync<LoginRequest>(r, default)),
        };
        var random = new Random(20261130);
        var read = 0;
        var refused = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var (body, readBody) = seeds[random.Next(seeds.Length)];
            var bytes = Mutate(Encoding.UTF8.GetBytes(body), random);
            var context = new DefaultHttpContext();
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(bytes);
            try
            {
                await readBody(context.Request);
                read++;
            }
            catch (ApiProblemException ex) when (ex.Status == StatusCodes.Status400BadRequest)
            {
                refused++;
            }
            catch (Exception ex)
            {
                Assert.Fail($"iteration {i}: {ex.GetType().Name}: {ex.Message}; body starts {Encoding.UTF8.GetString(bytes[..Math.Min(80, bytes.Length)])}");
            }
        }
        Assert.True(read > Iterations / 20 && refused > Iterations / 20, $"read {read}, refused {refused}");
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed;
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && bytes.Length > 0; m++)
        {
            // The structure (braces, names, quotes) is at both ends; the image fills the middle.
            var at = random.Next(3) switch
            {
                0 => random.Next(Math.Min(bytes.Length, 24)),
                1 => Math.Max(0, bytes.Length - 1 - random.Next(Math.Min(bytes.Length, 48))),
                _ => random.Next(bytes.Length),
            };
            switch (random.Next(5))
            {
                case 0:
                    bytes = (byte[])bytes.Clone();
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes = (byte[])bytes.Clone();
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes = [.. bytes[..at], .. Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]), .. bytes[at..]];
                    break;
                case 3:
                    bytes = bytes[..at];
                    break;
                default:
                    bytes = [.. bytes[..at], .. bytes[Math.Min(bytes.Length, at + random.Next(1, 8))..]];
                    break;
            }
        }
        return bytes;
    }
}
