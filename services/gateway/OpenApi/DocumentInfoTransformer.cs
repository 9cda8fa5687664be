using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Identities.Gateway.OpenApi;

/// <summary>
/// The document's fixed parts: title, licence, one server, the bearer scheme and the Problem schema. The
/// server is fixed (not the request's host) so the served document equals the committed docs/openapi.json.
/// </summary>
public sealed class DocumentInfoTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Identities API",
            Version = "v1",
            Description = "Self-hosted face recognition: enroll faces, detect and identify them 1:N, compare two faces 1:1, check photo references, and manage persons. Every error is RFC 7807 problem+json with a stable `code`.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "https://{host}:5009",
                Description = "An on-premises gateway (scripts/run.sh starts one on 127.0.0.1).",
                Variables = new Dictionary<string, OpenApiServerVariable> { ["host"] = new() { Default = "127.0.0.1", Description = "The gateway's host name or IP address." } },
            },
        ];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerSecurity.SchemeId] = BearerSecurity.Scheme();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemResponses.SchemaId] = ProblemResponses.Schema();
        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = "Authentication", Description = "Tokens for the gateway's own users." },
            new() { Name = "Faces", Description = "The contract's face endpoints." },
            new() { Name = "Person Management", Description = "Persons and their faces (the registry's API, proxied by the gateway)." },
        };
        return Task.CompletedTask;
    }
}
