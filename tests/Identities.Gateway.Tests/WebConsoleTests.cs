using System.Net;
using System.Text.RegularExpressions;
using Identities.Gateway.Faces;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>The web console's files are public; the API behind them is not. (Browser tests: Identities.Console.Tests.)</summary>
public sealed partial class WebConsoleTests : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("identities-console-").FullName;
    private KestrelHost<FaceRecognitionService> _gateway = null!;
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        // The gateway alone: serving files and refusing unauthenticated calls needs no worker.
        _gateway = new KestrelHost<FaceRecognitionService>(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Management:Url"] = "http://127.0.0.1:0",
            ["Gateway:DataDirectory"] = _dataDirectory,
        });
        var address = _gateway.Start("https://");
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        _client = new HttpClient(handler) { BaseAddress = new Uri(address) };
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Root_NoToken_ServesTheConsoleWithASameOriginPolicy()
    {
        var page = await _client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Identities console</title>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", string.Join(';', page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);

        var script = await _client.GetAsync(new Uri("/js/app.js", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ApiBehindTheConsole_NoToken_Is401()
    {
        var detect = await _client.PostAsync(new Uri("/api/v1/faces/faceDetect", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        await Problem.AssertAsync(detect, HttpStatusCode.Unauthorized, "unauthorized");
        await Problem.AssertAsync(await _client.GetAsync(new Uri("/api/v1/persons", UriKind.Relative)), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public void ConsoleFiles_Always_LoadNothingFromAnotherOrigin()
    {
        var root = Path.Combine(RepositoryPaths.Root, "services", "gateway", "wwwroot");
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.EndsWith("index.html", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.False(ExternalReference().IsMatch(File.ReadAllText(file)), $"{file} loads something from another origin");
        }
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _gateway.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    // src/href/url()/import of an absolute or protocol-relative URL (an SVG's xmlns is a name, not a load).
    [GeneratedRegex("""(?:src|href|action)\s*=\s*["']?(?:[a-z]+:)?//|url\(\s*["']?(?:[a-z]+:)?//|(?:import|from)\s*\(?\s*["'](?:[a-z]+:)?//""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
