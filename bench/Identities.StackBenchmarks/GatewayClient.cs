using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Identities.StackBenchmarks;

/// <summary>
/// A REST caller of the gateway: one HttpClient (pooled keep-alive connections, as a service calling us would
/// hold), a bearer token, and pre-built JSON bodies. Calls return null on success or a failure label.
/// </summary>
internal sealed class GatewayClient : IDisposable
{
    private readonly HttpClient _http;

    public GatewayClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler
        {
            // The local stack's certificate is self-signed.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The bearer token of the signed-in user; the benchmark's direct gRPC calls to the workers carry it too.</summary>
    public string Token => _http.DefaultRequestHeaders.Authorization?.Parameter ?? throw new InvalidOperationException("Not signed in.");

    public async Task SignInAsync(string username, string password)
    {
        using var response = await _http.PostAsJsonAsync("/api/v1/auth/login", new { username, password });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Sign-in as {username} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("token").GetString());
    }

    public Task<string?> DetectAsync(byte[] body) => PostAsync("/api/v1/faces/faceDetect", body);

    public Task<string?> CompareAsync(byte[] body) => PostAsync("/api/v1/faces/faceCompare", body);

    public Task<string?> EnrollAsync(byte[] body) => PostAsync("/api/v1/faces/faceEnroll?forceEnrollment=true", body);

    /// <summary>faceDetect's answer, parsed: (faces, faces with a person).</summary>
    public async Task<(int Faces, int Matched)> DetectCountsAsync(byte[] body)
    {
        using var content = Json(body);
        using var response = await _http.PostAsync("/api/v1/faces/faceDetect", content);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var detections = json.RootElement.GetProperty("detections").EnumerateArray().ToList();
        return (detections.Count, detections.Count(d => d.GetProperty("personId").ValueKind == JsonValueKind.String));
    }

    public void Dispose() => _http.Dispose();

    private async Task<string?> PostAsync(string path, byte[] body)
    {
        using var content = Json(body);
        try
        {
            using var response = await _http.PostAsync(path, content);
            if (response.IsSuccessStatusCode)
            {
                // Read the answer as a client would; its size is part of the cost.
                await response.Content.ReadAsByteArrayAsync();
                return null;
            }
            return $"{(int)response.StatusCode} {await ProblemCodeAsync(response)}";
        }
        catch (HttpRequestException ex)
        {
            return ex.StatusCode is HttpStatusCode code ? ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture) : "connection";
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static async Task<string> ProblemCodeAsync(HttpResponseMessage response)
    {
        try
        {
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
