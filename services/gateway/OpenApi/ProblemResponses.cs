using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;

namespace Identities.Gateway.OpenApi;

/// <summary>OpenAPI pieces of the RFC 7807 answers: the Problem schema and a response per status with its codes.</summary>
public static class ProblemResponses
{
    public const string SchemaId = "Problem";
    public const string MediaType = "application/problem+json";

    /// <summary>What every problem+json body holds (ProblemResponder writes it).</summary>
    public static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 problem details with a stable machine-readable `code` (README: Errors).",
        Required = new HashSet<string> { "type", "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("https://identities.dev/problems/{code}"),
            ["title"] = Text("Short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["detail"] = Text("What went wrong with this request, for people."),
            ["code"] = Text("Stable code to switch on (listed per response)."),
            ["field"] = Text("The request field at fault, where there is one."),
            ["existingFaceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid", Description = "With reference_exists: the face that holds the photo reference." },
            ["traceId"] = Text("Correlates the answer with the gateway's logs and traces."),
        },
    };

    public static OpenApiResponse Response(int statusCode, IReadOnlyCollection<string> codes, OpenApiDocument document)
    {
        var response = new OpenApiResponse
        {
            Description = $"{ReasonPhrases.GetReasonPhrase(statusCode)}: problem+json with `code` {string.Join(", ", codes.Select(c => $"`{c}`"))}.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [MediaType] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        AllOf =
                        [
                            new OpenApiSchemaReference(SchemaId, document),
                            new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. codes.Select(c => (JsonNode)c)] },
                                },
                            },
                        ],
                    },
                },
            },
        };
        if (statusCode is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before trying again.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                },
            };
        }
        return response;
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
