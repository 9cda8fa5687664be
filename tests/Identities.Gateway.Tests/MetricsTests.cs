using System.Net;
using System.Net.Http.Json;
using Identities.Testing;

namespace Identities.Gateway.Tests;

/// <summary>Prometheus /metrics on each service's plain-HTTP port, with the service's own name; never on the API port.</summary>
public sealed class MetricsTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [SkippableFact]
    public async Task Metrics_AfterAFaceDetect_EachServiceNamesItselfOnItsPlainHttpPort()
    {
        SharedFaces.SkipIfMissing();
        using var client = await stack.CreateAdminClientAsync();
        var detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = Images.Base64(Images.PersonA1) });
        detect.EnsureSuccessStatusCode();

        foreach (var (service, address) in new[]
                 {
                     ("identities-gateway", stack.GatewayManagementAddress),
                     ("identities-detector", stack.DetectorHttpAddress),
                     ("identities-embedder", stack.EmbedderHttpAddress),
                     ("identities-registry", stack.RegistryHttpAddress),
                 })
        {
            var text = await Scrape(address);
            Assert.Contains($"service_name=\"{service}\"", text, StringComparison.Ordinal);
            Assert.Contains("service_namespace=\"identities\"", text, StringComparison.Ordinal);
            Assert.Contains("service_instance_id=\"", text, StringComparison.Ordinal);
            Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ManagementPort_ServesHealthAndMetrics_ButNotTheApi()
    {
        using var management = new HttpClient { BaseAddress = new Uri(stack.GatewayManagementAddress) };
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = StackFixture.AdminPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await management.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ApiPort_DoesNotServeMetrics_AndKeepsItsHealthEndpoints()
    {
        using var client = stack.CreateClient();
        var metrics = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.DoesNotContain("target_info", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    private static async Task<string> Scrape(string address)
    {
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var response = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
