using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Identities.DetectionBenchmarks;

/// <summary>
/// Section 5 (with --gateway URL): a crowd photo through a running stack's REST faceDetect, as a caller sees it:
/// sequential calls, the faces answered and the time of each. Signs in as admin with IDENTITIES_ADMIN_PASSWORD.
/// </summary>
internal sealed class CrowdSection(Uri gateway, TextWriter output, int reps)
{
    public async Task RunAsync(IEnumerable<string> files)
    {
        var password = Environment.GetEnvironmentVariable("IDENTITIES_ADMIN_PASSWORD") is { Length: > 0 } p
            ? p
            : throw new InvalidOperationException("Set IDENTITIES_ADMIN_PASSWORD to sign in to the gateway.");
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var http = new HttpClient(handler) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(2) };
        using (var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password }))
        {
            login.EnsureSuccessStatusCode();
            using var token = JsonDocument.Parse(await login.Content.ReadAsStringAsync());
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("token").GetString());
        }

        output.WriteLine($"## 5. Crowd photos through REST faceDetect ({gateway}, {reps} sequential calls each after one untimed)");
        output.WriteLine();
        var table = new MarkdownTable("photo", "faces answered", "median ms", "min ms", "max ms").AlignLeft(0);
        foreach (var file in files)
        {
            var body = JsonContent.Create(new { image = Convert.ToBase64String(File.ReadAllBytes(file)) });
            await body.LoadIntoBufferAsync();
            var faces = 0;
            var times = new List<double>();
            for (var rep = 0; rep <= reps; rep++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.PostAsync(new Uri("/api/v1/faces/faceDetect", UriKind.Relative), body);
                var text = await response.Content.ReadAsStringAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"{file}: {(int)response.StatusCode} {text}");
                }
                using var json = JsonDocument.Parse(text);
                faces = json.RootElement.GetProperty("detections").GetArrayLength();
                if (rep > 0)
                {
                    times.Add(elapsed);
                }
            }
            times.Sort();
            table.Add(Path.GetFileName(Path.GetDirectoryName(file)) + "/" + Path.GetFileName(file), MarkdownTable.Int(faces),
                MarkdownTable.Ms(times[times.Count / 2]), MarkdownTable.Ms(times[0]), MarkdownTable.Ms(times[^1]));
        }
        table.Write(output);
    }
}
