using System.Net;
using System.Net.Http.Json;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>
/// Login abused as a memory sink, a CPU sink, with concurrent guesses or forged client addresses; each test on
/// its own gateway (its own throttle and limiter) over the shared workers.
/// </summary>
public sealed class LoginAbuseTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Login_UsernameOver256Characters_Is400InvalidField()
    {
        using var client = Gateway();

        var huge = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = new string('u', 100_000), password = "x" });
        var justOver = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = new string('u', 257), password = "x" });
        var longPassword = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "kiosk", password = new string('p', 1025) });
        var atLimit = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = new string('u', 256), password = "x" });

        Assert.Equal("username", (await Problem.AssertAsync(huge, HttpStatusCode.BadRequest, "invalid_field")).GetProperty("field").GetString());
        await Problem.AssertAsync(justOver, HttpStatusCode.BadRequest, "invalid_field");
        Assert.Equal("password", (await Problem.AssertAsync(longPassword, HttpStatusCode.BadRequest, "invalid_field")).GetProperty("field").GetString());
        await Problem.AssertAsync(atLimit, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Login_40ConcurrentWrongPasswords_AtMost5Are401AndTheRest429()
    {
        // A burst big enough that the per-client rate limit refuses none: only the lockout is tested here.
        using var client = Gateway(new() { ["Limits:LoginBurst"] = "100" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            client.PostAsJsonAsync("/api/v1/auth/login", new { username = StackFixture.DetectorUser, password = $"guess-{i}" })));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 1, 5);
        Assert.Equal(40, statuses.Count(s => s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
        foreach (var refused in answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests))
        {
            await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests, "too_many_attempts");
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        var right = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = StackFixture.DetectorUser, password = StackFixture.DetectorPassword });
        await Problem.AssertAsync(right, HttpStatusCode.TooManyRequests, "too_many_attempts");
    }

    [SkippableFact]
    public async Task Login_BurstOfRandomUsers_FaceCompareAndReadinessStayAnswered()
    {
        SharedFaces.SkipIfMissing();
        var address = new Uri(stack.StartGateway(stack.RegistryAddress, new Dictionary<string, string?> { ["Limits:LoginBurst"] = "10" }));
        using var faces = await KioskAsync(address);
        using var attacker = stack.CreateClient(address);

        var burst = Enumerable.Range(0, 300).Select(_ =>
            attacker.PostAsJsonAsync("/api/v1/auth/login", new { username = Guid.NewGuid().ToString("N"), password = "guess" })).ToList();
        var compare = faces.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = Images.Base64(Images.PersonA1), image2 = Images.Base64(Images.PersonA2) });
        var ready = faces.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var logins = await Task.WhenAll(burst);

        Assert.Equal(HttpStatusCode.OK, (await compare).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ready).StatusCode);
        // Only the client's burst (10) reaches the password hash; the rest are refused before any work.
        Assert.InRange(logins.Count(l => l.StatusCode == HttpStatusCode.Unauthorized), 1, 12);
        var limited = logins.Where(l => l.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(300, limited.Count + logins.Count(l => l.StatusCode == HttpStatusCode.Unauthorized));
        await Problem.AssertAsync(limited[0], HttpStatusCode.TooManyRequests, "rate_limited");
        Assert.NotNull(limited[0].Headers.RetryAfter);
    }

    [Fact]
    public async Task FaceCompare_BeyondConcurrencyAndQueue_Is503WithRetryAfterAtOnce()
    {
        var address = new Uri(stack.StartGateway(stack.RegistryAddress, new Dictionary<string, string?>
        {
            ["Limits:FaceConcurrency"] = "1",
            ["Limits:FaceQueue"] = "1",
        }));
        using var client = await KioskAsync(address);
        // Two requests whose bodies never finish hold the one place and the one queue slot.
        var bodies = new List<StalledBody>();
        var holders = new List<Task<HttpResponseMessage>>();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        HttpResponseMessage? refused = null;
        while (refused?.StatusCode != HttpStatusCode.ServiceUnavailable && System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(40))
        {
            // Started only says a holder's first bytes left the client: a probe can still reach the limiter first and
            // take the holder's place, which is then refused. A refused holder (its call ends) is replaced.
            holders.RemoveAll(h => h.IsCompleted && h.Exception is { } observed);
            while (holders.Count < 2)
            {
                var body = new StalledBody();
                bodies.Add(body);
                holders.Add(client.PostAsync("/api/v1/faces/faceCompare", body));
                await body.Started;
            }
            // A probe that finds a place or queue slot free waits or is answered: give it up and probe again.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                refused = await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = "AAAA", image2 = "AAAA" }, patience.Token);
            }
            catch (TaskCanceledException)
            {
                refused = null;
            }
        }

        Assert.NotNull(refused);
        await Problem.AssertAsync(refused, HttpStatusCode.ServiceUnavailable, "service_unavailable");
        Assert.NotNull(refused.Headers.RetryAfter);
        bodies.ForEach(b => b.Finish());
        var heldAnswers = await Task.WhenAll(holders);
        Assert.Contains(heldAnswers, a => a.StatusCode == HttpStatusCode.BadRequest);
        Assert.All(heldAnswers, a => Assert.True(a.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.ServiceUnavailable, a.StatusCode.ToString()));
        var after = await client.PostAsJsonAsync("/api/v1/faces/faceCompare", new { image1 = "AAAA" });
        await Problem.AssertAsync(after, HttpStatusCode.BadRequest, "missing_field");
    }

    [Fact]
    public async Task Login_NewXForwardedForEachTryFromAnUntrustedSender_IsStillLocked()
    {
        // As deployed before: forwarded headers switched on for every sender; the trusted list now decides.
        using var client = Gateway(new()
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["TrustedProxies:Networks:0"] = "10.0.0.0/8",
        });

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await LoginFromAsync(client, $"198.51.100.{i + 1}", "forger", $"guess-{i}"));
        }

        foreach (var wrong in answers.Take(5))
        {
            await Problem.AssertAsync(wrong, HttpStatusCode.Unauthorized, "unauthorized");
        }
        await Problem.AssertAsync(answers[5], HttpStatusCode.TooManyRequests, "too_many_attempts");
    }

    [Fact]
    public async Task Login_XForwardedForFromATrustedProxy_LocksTheForwardedClientOnly()
    {
        using var client = Gateway(new() { ["TrustedProxies:Networks:0"] = "127.0.0.0/8" });

        for (var i = 0; i < 5; i++)
        {
            await Problem.AssertAsync(await LoginFromAsync(client, "198.51.100.1", "proxied", $"guess-{i}"), HttpStatusCode.Unauthorized, "unauthorized");
        }

        await Problem.AssertAsync(await LoginFromAsync(client, "198.51.100.1", "proxied", "guess-5"), HttpStatusCode.TooManyRequests, "too_many_attempts");
        await Problem.AssertAsync(await LoginFromAsync(client, "198.51.100.2", "proxied", "guess-6"), HttpStatusCode.Unauthorized, "unauthorized");
    }

    private HttpClient Gateway(Dictionary<string, string?>? settings = null) =>
        stack.CreateClient(new Uri(stack.StartGateway(stack.RegistryAddress, settings)));

    /// <summary>A client of the given gateway with the kiosk's token (Face Detection).</summary>
    private async Task<HttpClient> KioskAsync(Uri address)
    {
        var client = stack.CreateClient(address);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = StackFixture.DetectorUser, password = StackFixture.DetectorPassword });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<Auth.LoginResponse>())!.Token;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static Task<HttpResponseMessage> LoginFromAsync(HttpClient client, string forwardedFor, string username, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { username, password }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return client.SendAsync(request);
    }

    /// <summary>
    /// A JSON body that keeps sending base64 (fast enough for Kestrel's minimum data rate) until the test lets
    /// it end, malformed.
    /// </summary>
    private sealed class StalledBody : HttpContent
    {
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StalledBody() => Headers.ContentType = new("application/json");

        public Task Started => _started.Task;

        public void Finish() => _finish.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync("{\"image1\":\""u8.ToArray());
            var filler = System.Text.Encoding.ASCII.GetBytes(new string('A', 256));
            while (!_finish.Task.IsCompleted)
            {
                await stream.WriteAsync(filler);
                await stream.FlushAsync();
                _started.TrySetResult();
                await Task.WhenAny(_finish.Task, Task.Delay(100));
            }
            await stream.WriteAsync("\""u8.ToArray());
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
