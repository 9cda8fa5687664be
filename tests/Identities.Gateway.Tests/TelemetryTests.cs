using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// What leaves the services, through their own telemetry pipeline: one trace per request across every hop, logs
/// without images, vectors, names or tokens, and every metric docs/OPERATIONS.md documents.
/// </summary>
public sealed partial class TelemetryTests(TelemetryStackFixture stack) : IClassFixture<TelemetryStackFixture>
{
    private const string PersonName = "Quetzalia Marrowvane";

    [SkippableFact]
    public async Task FaceDetect_IsOneTrace_ThroughGatewayDetectorEmbedderRegistryAndRedis()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var image = Images.Base64(Images.PersonA2);
        // The caller's own trace: other tests' stacks share this process and its activity sources.
        var caller = new Activity("caller").SetIdFormat(ActivityIdFormat.W3C).SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded).Start();
        HttpResponseMessage detect;
        try
        {
            detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image });
        }
        finally
        {
            caller.Stop();
        }
        detect.EnsureSuccessStatusCode();

        var root = await WaitForAsync(() => stack.Spans.FirstOrDefault(s =>
            s.TraceId == caller.TraceId && s.Kind == ActivityKind.Server && Tag(s, "http.route") == "/api/v1/faces/faceDetect"));
        // Redis spans are made from StackExchange.Redis's profiler, drained every FlushInterval.
        var trace = await WaitForAsync(() =>
        {
            var spans = stack.Spans.Where(s => s.TraceId == root.TraceId).ToList();
            return spans.Any(IsRedis) ? spans : null;
        }, TimeSpan.FromSeconds(20));

        var spans = string.Join(", ", trace.Select(s => $"{s.Kind} {s.DisplayName} ({s.Source.Name})"));
        foreach (var method in new[] { "identities.detector.v1.FaceDetector/Detect", "identities.embedder.v1.FaceEmbedder/Embed", "identities.registry.v1.Registry/SearchBatch" })
        {
            Assert.True(trace.Any(s => s.Kind == ActivityKind.Client && s.DisplayName.Contains(method, StringComparison.Ordinal)), $"no client span {method}: {spans}");
            Assert.True(trace.Any(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains(method, StringComparison.Ordinal)), $"no server span {method}: {spans}");
        }
        // One VSIM per shard, each a child of the registry's SearchBatch.
        var vsims = trace.Where(s => IsRedis(s) && s.DisplayName.Contains("VSIM", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(vsims);
        var registryServer = trace.Single(s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("Registry/SearchBatch", StringComparison.Ordinal));
        Assert.All(vsims, vsim => Assert.Equal(registryServer.SpanId, vsim.ParentSpanId));

        // No attribute carries the image, a token or anything long.
        var token = client.DefaultRequestHeaders.Authorization!.Parameter!;
        foreach (var span in trace)
        {
            foreach (var (key, value) in span.TagObjects)
            {
                var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                Assert.True(text.Length < 200, $"{span.DisplayName} {key} is {text.Length} characters");
                Assert.DoesNotContain(image[..40], text, StringComparison.Ordinal);
                Assert.DoesNotContain(token[..40], text, StringComparison.Ordinal);
            }
        }
    }

    [SkippableFact]
    public async Task Logs_OfAWholeEnrollDetectCompareDeleteCycle_HoldNoImageVectorNameOrToken()
    {
        SharedFaces.SkipIfMissing();
        var before = stack.Logs.Entries.Count;
        var (token, images) = await RunCycleAsync();
        var logs = stack.Logs.Entries.Skip(before).ToList();

        // The cycle was logged: one line per request, with its trace id.
        Assert.Contains(logs, l => l.Contains("POST /api/v1/faces/faceEnroll 200", StringComparison.Ordinal) && l.Contains("scope:TraceId=", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("POST /api/v1/faces/faceDetect 200", StringComparison.Ordinal) && l.Contains("call_detector=", StringComparison.Ordinal));
        Assert.Contains(logs, l => l.Contains("/identities.detector.v1.FaceDetector/Detect 200", StringComparison.Ordinal) && l.Contains("decode=", StringComparison.Ordinal));

        foreach (var line in logs)
        {
            foreach (var image in images)
            {
                Assert.DoesNotContain(image[..40], line, StringComparison.Ordinal);
            }
            Assert.False(LongBase64().IsMatch(line), $"base64-like run in: {line}");
            Assert.False(VectorValues().IsMatch(line), $"vector-like values in: {line}");
            Assert.DoesNotContain(PersonName, line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Marrowvane", line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(token[..40], line, StringComparison.Ordinal);
            Assert.DoesNotContain(StackFixture.AdminPassword, line, StringComparison.Ordinal);
        }
    }

    [SkippableFact]
    public async Task Metrics_AfterAWholeCycle_EveryDocumentedNameIsServed_ByEachServiceItIsDocumentedFor()
    {
        SharedFaces.SkipIfMissing();
        await RunCycleAsync();
        // A user who fails MaxFailedLogins (5) times is locked out.
        using var anonymous = stack.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "mallory", password = "wrong" });
        }

        var addresses = new Dictionary<string, string>
        {
            ["gateway"] = stack.GatewayManagementAddress,
            ["detector"] = stack.DetectorHttpAddress,
            ["embedder"] = stack.EmbedderHttpAddress,
            ["registry"] = stack.RegistryHttpAddress,
        };
        var scraped = new Dictionary<string, string>();
        foreach (var (service, address) in addresses)
        {
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            scraped[service] = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        var documented = DocumentedMetrics();
        Assert.True(documented.Count >= 15, $"{documented.Count} metrics documented");
        foreach (var (metric, services) in documented)
        {
            foreach (var service in services.Contains("all", StringComparer.Ordinal) ? [.. addresses.Keys] : services)
            {
                Assert.True(Regex.IsMatch(scraped[service], $"^{Regex.Escape(metric)}(_bucket)?[{{ ]", RegexOptions.Multiline),
                    $"{service} /metrics lacks {metric}: {string.Join(" ", Regex.Matches(scraped[service], "^identities_[a-z_]+", RegexOptions.Multiline).Select(m => m.Value).Distinct())}");
            }
        }
        Assert.Contains("problem_code=\"unauthorized\"", scraped["gateway"], StringComparison.Ordinal);
        Assert.Contains("execution_provider=\"CPU\"", scraped["detector"], StringComparison.Ordinal);
        foreach (var (service, stage) in new[]
                 {
                     ("gateway", "call_detector"), ("gateway", "call_embedder"), ("gateway", "call_registry"),
                     ("detector", "queue_wait"), ("detector", "decode"), ("detector", "detect"), ("detector", "landmarks"), ("detector", "align"),
                     ("embedder", "queue_wait"), ("embedder", "embed_batch"),
                     ("registry", "search"), ("registry", "rerank"), ("registry", "enroll"), ("registry", "waitaof"),
                 })
        {
            Assert.Contains($"stage=\"{stage}\"", scraped[service], StringComparison.Ordinal);
        }
    }

    /// <summary>Enroll (then name the person), detect, compare, delete; returns the token and the images sent.</summary>
    private async Task<(string Token, string[] Images)> RunCycleAsync()
    {
        using var client = await stack.CreateAdminClientAsync();
        string[] images = [Images.Base64(Images.PersonA1), Images.Base64(Images.PersonA2), Images.Base64(Images.PersonA3)];
        var enroll = await client.PostAsJsonAsync("/api/v1/faces/faceEnroll", new { faceImage = images[0], photoReferenceId = "tel-" + Guid.NewGuid().ToString("N") });
        var enrolled = await enroll.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(enroll.IsSuccessStatusCode, enrolled.ToString());
        var personId = enrolled.GetProperty("personId").GetString()!;
        var faceId = enrolled.GetProperty("faceId").GetString()!;
        var rename = await client.PatchAsJsonAsync($"/api/v1/persons/{personId}", new { name = PersonName });
        Assert.True(rename.IsSuccessStatusCode, await rename.Content.ReadAsStringAsync());
        Assert.Equal(PersonName, (await client.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}")).GetProperty("name").GetString());

        var detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = images[1] });
        detect.EnsureSuccessStatusCode();
        var compare = await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = images[0], image2 = images[2] });
        compare.EnsureSuccessStatusCode();
        // A refused request too: its problem code is logged and counted.
        var bad = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = "not base64!" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        Assert.True((await client.DeleteAsync(new Uri($"/api/v1/faces/{faceId}", UriKind.Relative))).IsSuccessStatusCode);
        Assert.True((await client.DeleteAsync(new Uri($"/api/v1/persons/{personId}", UriKind.Relative))).IsSuccessStatusCode);
        return (client.DefaultRequestHeaders.Authorization!.Parameter!, images);
    }

    /// <summary>docs/OPERATIONS.md's metrics table: name → the services it is documented for.</summary>
    private static List<(string Metric, string[] Services)> DocumentedMetrics() =>
        [.. File.ReadLines(Path.Combine(RepositoryPaths.Root, "docs", "OPERATIONS.md"))
            .Select(line => MetricRow().Match(line))
            .Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))];

    private static bool IsRedis(Activity span) => Tag(span, "db.system") == "redis" || Tag(span, "db.system.name") == "redis";

    private static string? Tag(Activity span, string key) => span.GetTagItem(key) as string;

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, TimeSpan? timeout = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            if (probe() is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for spans");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex(@"^\| `([a-z_]+)` \| ([a-z, ]+) \|")]
    private static partial Regex MetricRow();

    /// <summary>A run of 80 base64 characters: any image, crop or vector in base64 would have one.</summary>
    [GeneratedRegex(@"[A-Za-z0-9+/]{80,}")]
    private static partial Regex LongBase64();

    /// <summary>Eight or more decimals in a row: what a logged embedding would look like.</summary>
    [GeneratedRegex(@"(-?\d+\.\d{3,}[,; ]+\s*){8,}")]
    private static partial Regex VectorValues();
}
