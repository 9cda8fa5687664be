using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Identities.Clients.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json describes the whole public API and equals the committed docs/openapi.json. After a change
/// to the API, regenerate it with `IDENTITIES_WRITE_OPENAPI=1 dotnet test tests/Identities.Clients.Tests
/// --filter OpenApiDocument_Served_EqualsDocsOpenApiJson` (scripts/openapi.sh).
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<GatewayDocumentHost>
{
    private static readonly string Committed = Path.Combine(RepositoryPaths.Root, "docs", "openapi.json");

    private readonly GatewayDocumentHost _gateway;

    public OpenApiDocumentTests(GatewayDocumentHost gateway) => _gateway = gateway;

    [Fact]
    public async Task OpenApiDocument_Served_EqualsDocsOpenApiJson()
    {
        var served = await ServedAsync();
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("IDENTITIES_WRITE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(Committed, text);
        }
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Committed));
        if (!JsonNode.DeepEquals(served, committed))
        {
            var copy = Path.Combine(Path.GetTempPath(), "identities-openapi-served.json");
            await File.WriteAllTextAsync(copy, text);
            Assert.Fail($"The served /openapi/v1.json differs from docs/openapi.json (served copy: {copy}). Regenerate with scripts/openapi.sh.");
        }
    }

    [SkippableFact]
    public async Task OpenApiDocument_Redocly_LintsWithoutErrors()
    {
        var redocly = await Tools.RequireNpmToolAsync(Tools.Redocly);
        var result = await ProcessRunner.RunAsync(redocly, ["lint", "docs/openapi.json", "--format", "stylish"], RepositoryPaths.Root,
            new Dictionary<string, string?> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });
        result.AssertSuccess("redocly lint docs/openapi.json");
    }

    [Fact]
    public async Task OpenApiDocument_EveryGatewayApiEndpoint_IsDescribed()
    {
        var paths = (await ServedAsync())["paths"]!.AsObject();
        var endpoints = _gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>() is not null
                && !e.RoutePattern.RawText.Contains("**", StringComparison.Ordinal));
        foreach (var endpoint in endpoints)
        {
            foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods)
            {
                var path = endpoint.RoutePattern.RawText!;
                Assert.True(paths[path]?[method.ToLowerInvariant()] is not null, $"{method} {path} is served but not in the OpenAPI document.");
            }
        }
        // Person Management is proxied by YARP ({**rest} routes): each of its operations is described.
        foreach (var (path, method) in new[]
        {
            ("/api/v1/persons", "get"), ("/api/v1/persons", "post"), ("/api/v1/persons/{personId}", "get"), ("/api/v1/persons/{personId}", "patch"),
            ("/api/v1/persons/{personId}", "delete"), ("/api/v1/persons/{personId}/faces", "get"), ("/api/v1/faces/{faceId}", "delete"),
        })
        {
            Assert.True(paths[path]?[method] is not null, $"{method} {path} missing");
        }
    }

    [Fact]
    public async Task OpenApiDocument_FaceEnroll_HasItsBodyTypedQueryAndEveryProblem()
    {
        var document = await ServedAsync();
        var enroll = document["paths"]!["/api/v1/faces/faceEnroll"]!["post"]!;
        var parameters = enroll["parameters"]!.AsArray();
        Assert.Equal("boolean", parameters.Single(p => p!["name"]!.GetValue<string>() == "forceEnrollment")!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("uuid", parameters.Single(p => p!["name"]!.GetValue<string>() == "personId")!["schema"]!["format"]!.GetValue<string>());

        var body = Resolve(document, enroll["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Assert.Equal("byte", body["properties"]!["faceImage"]!["format"]!.GetValue<string>());
        Assert.NotNull(body["properties"]!["photoReferenceId"]);

        var responses = enroll["responses"]!.AsObject();
        Assert.Equal(["200", "400", "401", "403", "404", "409", "413", "500", "503"], responses.Select(r => r.Key).Order(StringComparer.Ordinal));
        Assert.Contains("low_quality", Codes(responses["500"]!));
        Assert.Contains("invalid_base64", Codes(responses["400"]!));
        Assert.Equal(["reference_exists"], Codes(responses["409"]!));
        Assert.Equal("bearer", enroll["security"]![0]!.AsObject().Single().Key);
    }

    [Fact]
    public async Task OpenApiDocument_Security_IsBearerJwtAndLoginIsAnonymous()
    {
        var document = await ServedAsync();
        var scheme = document["components"]!["securitySchemes"]!["bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());
        Assert.Equal("JWT", scheme["bearerFormat"]!.GetValue<string>());
        var login = document["paths"]!["/api/v1/auth/login"]!["post"]!;
        Assert.Empty(login["security"]![0]!.AsObject()); // {}: no token needed
        Assert.NotNull(Resolve(document, login["requestBody"]!["content"]!["application/json"]!["schema"]!)["properties"]!["username"]);
        Assert.Contains("too_many_attempts", Codes(login["responses"]!["429"]!));
    }

    private static List<string> Codes(JsonNode response) =>
        [.. response["content"]!["application/problem+json"]!["schema"]!["allOf"]![1]!["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>())];

    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"] is { } reference ? document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]! : schema;

    private async Task<JsonNode> ServedAsync()
    {
        using var client = _gateway.CreateClient();
        return JsonNode.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;
    }
}
