using Identities.Contracts.Errors;
using Identities.Gateway.Faces;
using Identities.Gateway.OpenApi.PersonManagement;
using Identities.Gateway.Problems;
using Identities.ServiceDefaults.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Identities.Gateway.OpenApi;

/// <summary>
/// Person Management in the document. YARP serves it (the registry's JSON transcoding, PersonsProxy), so
/// ASP.NET Core's endpoint explorer never sees it: its operations are described here, with schemas made
/// from the records under PersonManagement/ (a test holds them to what the registry really answers).
/// </summary>
public sealed class PersonManagementTransformer : IOpenApiDocumentTransformer
{
    private const string Tag = "Person Management";

    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        async Task<IOpenApiSchema> SchemaAsync<T>(string id)
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            if (!document.Components.Schemas.ContainsKey(id))
            {
                document.Components.Schemas[id] = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            }
            return new OpenApiSchemaReference(id, document);
        }

        var person = await SchemaAsync<PersonResource>("Person");
        var face = await SchemaAsync<FaceResource>("Face");
        var page = await SchemaAsync<PersonPage>("PersonPage");
        var newPerson = await SchemaAsync<NewPerson>("NewPerson");
        var changes = await SchemaAsync<PersonChanges>("PersonChanges");
        var faces = await SchemaAsync<FaceList>("FaceList");
        var deletedPerson = await SchemaAsync<DeletedPerson>("DeletedPerson");
        var deletedFace = await SchemaAsync<DeletedFace>("DeletedFace");
        // The page and the face list refer to Person and Face instead of repeating them inline.
        ItemsOf(document, "PersonPage", "persons", person);
        ItemsOf(document, "FaceList", "faces", face);

        string[] personRefusals = [RegistryErrorReasons.TextTooLong, RegistryErrorReasons.InvalidTags, RegistryErrorReasons.InvalidAttributes];
        // Writes are acknowledged once in Redis's append-only file; deletions retry a few times when the person changes meanwhile.
        var writeUnavailable = new ProblemCodesMetadata(StatusCodes.Status503ServiceUnavailable, [RegistryErrorReasons.NotDurable]);
        var deleteUnavailable = new ProblemCodesMetadata(StatusCodes.Status503ServiceUnavailable, [RegistryErrorReasons.NotDurable, RegistryErrorReasons.Contended]);
        document.Paths ??= [];
        document.Paths["/api/v1/persons"] = new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = Operation(document, "ListPersons", "List persons, a page at a time.",
                    "Persons in creation order. Pass the answer's nextPageToken as pageToken for the next page; it is empty on the last page.",
                    [Query("pageSize", "Persons per page, 1..500; 0 or absent means 50.", new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "500" }),
                     Query("pageToken", "The previous page's nextPageToken; absent for the first page.", new OpenApiSchema { Type = JsonSchemaType.String })],
                    null, page,
                    new ProblemCodesMetadata(StatusCodes.Status400BadRequest, [RegistryErrorReasons.InvalidPageSize, RegistryErrorReasons.MalformedId])),
                [HttpMethod.Post] = Operation(document, "CreatePerson", "Create a person without faces.",
                    "faceEnroll without personId creates a person together with its first face; this creates one to enroll faces into later.",
                    [], newPerson, person,
                    new ProblemCodesMetadata(StatusCodes.Status400BadRequest, personRefusals), writeUnavailable),
            },
        };
        document.Paths["/api/v1/persons/{personId}"] = new OpenApiPathItem
        {
            Parameters = [Path("personId", "The person's id.")],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = Operation(document, "GetPerson", "Get a person.", null, [], null, person,
                    new ProblemCodesMetadata(StatusCodes.Status400BadRequest, [RegistryErrorReasons.MalformedId]),
                    new ProblemCodesMetadata(StatusCodes.Status404NotFound, [RegistryErrorReasons.PersonNotFound])),
                [HttpMethod.Patch] = Operation(document, "UpdatePerson", "Change a person's name, tags or attributes.",
                    "Only the parts present in the body change; an empty list or map clears that part. Answers the person as it is now.",
                    [], changes, person,
                    new ProblemCodesMetadata(StatusCodes.Status400BadRequest, [RegistryErrorReasons.MalformedId, .. personRefusals]),
                    new ProblemCodesMetadata(StatusCodes.Status404NotFound, [RegistryErrorReasons.PersonNotFound]), writeUnavailable),
                [HttpMethod.Delete] = Operation(document, "DeletePerson", "Delete a person with all their faces.",
                    "Removes the person with their faces, vectors and photo references.", [], null, deletedPerson,
                    new ProblemCodesMetadata(StatusCodes.Status400BadRequest, [RegistryErrorReasons.MalformedId]),
                    new ProblemCodesMetadata(StatusCodes.Status404NotFound, [RegistryErrorReasons.PersonNotFound]), deleteUnavailable),
            },
        };
        document.Paths["/api/v1/persons/{personId}/faces"] = new OpenApiPathItem
        {
            Parameters = [Path("personId", "The person's id.")],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = Operation(document, "ListFaces", "List a person's faces.", null, [], null, faces,
                    new ProblemCodesMetadata(StatusCodes.Status400BadRequest, [RegistryErrorReasons.MalformedId]),
                    new ProblemCodesMetadata(StatusCodes.Status404NotFound, [RegistryErrorReasons.PersonNotFound])),
            },
        };
        document.Paths["/api/v1/faces/{faceId}"] = new OpenApiPathItem
        {
            Parameters = [Path("faceId", "The face's id (from ListFaces or faceEnroll).")],
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Delete] = Operation(document, "DeleteFace", "Delete one face.",
                    "Removes the face with its vector and photo reference; the person stays, possibly without faces.", [], null, deletedFace,
                    new ProblemCodesMetadata(StatusCodes.Status400BadRequest, [RegistryErrorReasons.MalformedId]),
                    new ProblemCodesMetadata(StatusCodes.Status404NotFound, [RegistryErrorReasons.FaceNotFound]), deleteUnavailable),
            },
        };
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string id, string summary, string? description,
        IList<IOpenApiParameter> parameters, IOpenApiSchema? body, IOpenApiSchema response, params ProblemCodesMetadata[] problems)
    {
        var operation = new OpenApiOperation
        {
            OperationId = id,
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new(Tag, document) },
            Parameters = parameters.Count == 0 ? null : parameters,
            RequestBody = body is null ? null : new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "OK",
                    Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = response } },
                },
            },
        };
        BearerSecurity.Require(operation, document, Permissions.PersonManagement);
        ProblemCodesMetadata[] all =
        [
            .. problems,
            new(StatusCodes.Status401Unauthorized, [ProblemCodes.Unauthorized]),
            new(StatusCodes.Status403Forbidden, [ProblemCodes.Forbidden]),
            new(StatusCodes.Status503ServiceUnavailable, [RegistryErrorReasons.RedisUnavailable, ProblemCodes.ServiceUnavailable]),
        ];
        foreach (var status in all.GroupBy(p => p.StatusCode).OrderBy(g => g.Key))
        {
            operation.Responses[status.Key.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                ProblemResponses.Response(status.Key, [.. status.SelectMany(p => p.Codes).Distinct(StringComparer.Ordinal)], document);
        }
        return operation;
    }

    private static void ItemsOf(OpenApiDocument document, string schemaId, string property, IOpenApiSchema items)
    {
        if (document.Components?.Schemas?[schemaId] is OpenApiSchema { Properties: { } properties } && properties[property] is OpenApiSchema list)
        {
            list.Items = items;
        }
    }

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };

    private static OpenApiParameter Path(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Path,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" },
    };
}
