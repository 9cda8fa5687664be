using System.Net;
using System.Net.Http.Json;

namespace Identities.Gateway.Tests;

/// <summary>dns:/// worker addresses (headless Services in Kubernetes) work: resolved, balanced round-robin.</summary>
public sealed class LoadBalancingTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Gateway_WithDnsWorkerAddresses_AnswersThroughThem()
    {
        static string Dns(string address) => "dns:///" + new Uri(address).Authority;
        var gateway = stack.StartGateway(Dns(stack.RegistryAddress), new Dictionary<string, string?>
        {
            ["Gateway:DetectorAddress"] = Dns(stack.DetectorAddress),
            ["Gateway:EmbedderAddress"] = Dns(stack.EmbedderAddress),
        });
        using var client = stack.CreateClient(new Uri(gateway));
        using var login = await stack.CreateAdminClientAsync();
        client.DefaultRequestHeaders.Authorization = login.DefaultRequestHeaders.Authorization;

        var check = await client.GetAsync(new Uri("/api/v1/faces/checkImageReference/none", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var detect = await client.PostAsJsonAsync("/api/v1/faces/faceDetect", new { image = GreyPng() });
        Assert.Equal(HttpStatusCode.OK, detect.StatusCode);
        Assert.True((await client.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode);
    }

    private static string GreyPng()
    {
        using var image = new OpenCvSharp.Mat(240, 320, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.Gray);
        OpenCvSharp.Cv2.ImEncode(".png", image, out var png);
        return Convert.ToBase64String(png);
    }
}
