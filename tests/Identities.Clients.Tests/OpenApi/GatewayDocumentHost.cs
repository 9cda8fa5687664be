using Identities.Gateway.Faces;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Identities.Clients.Tests.OpenApi;

/// <summary>The gateway in memory, for what needs no workers: its OpenAPI document and its endpoint list.</summary>
public sealed class GatewayDocumentHost : WebApplicationFactory<FaceRecognitionService>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("identities-openapi-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Gateway:DataDirectory", _dataDirectory);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
