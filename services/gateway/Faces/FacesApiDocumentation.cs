using Identities.Gateway.OpenApi;
using Identities.Gateway.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Identities.Gateway.Faces;

/// <summary>
/// What the OpenAPI document says about the face endpoints. The handlers read their bodies by hand (JsonBody:
/// exact error codes, size limits), so the body types are declared here as metadata, with every problem code.
/// </summary>
public static class FacesApiDocumentation
{
    private static readonly string[] BodyRefusals = [ProblemCodes.InvalidJson, ProblemCodes.MissingField, ProblemCodes.InvalidBase64, .. ProblemCodes.ImageRefusals];

    public static RouteHandlerBuilder DescribeFaceEnroll(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("FaceEnroll")
        .WithSummary("Enroll a face: create a person or add a photo to one.")
        .WithDescription("Without personId a new person is created and returned; if enrollment fails, nothing is left behind. The photo must show one clear face.")
        .Accepts<FaceEnrollRequest>("application/json")
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Describe(operation, "personId", "Attach the face to this existing person; omit to create a new person.",
                new OpenApiSchema { Type = JsonSchemaType.String, Format = "uuid" });
            Describe(operation, "forceEnrollment", "Enroll even when the face's quality is under the threshold (low_quality); never overrides no_face, multiple_faces or face_too_small.",
                new OpenApiSchema { Type = JsonSchemaType.Boolean, Default = false });
            return Task.CompletedTask;
        })
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, [.. BodyRefusals, ProblemCodes.InvalidPersonId, ProblemCodes.InvalidReference, ProblemCodes.InvalidQuery])
        .ProducesProblemCodes(StatusCodes.Status404NotFound, ProblemCodes.PersonNotFound)
        .ProducesProblemCodes(StatusCodes.Status409Conflict, ProblemCodes.ReferenceExists)
        .ProducesProblemCodes(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge)
        .ProducesProblemCodes(StatusCodes.Status500InternalServerError,
            ProblemCodes.NoFace, ProblemCodes.MultipleFaces, ProblemCodes.FaceTooSmall, ProblemCodes.LowQuality, ProblemCodes.InternalError)
        .ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable);

    public static RouteHandlerBuilder DescribeFaceDetect(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("FaceDetect")
        .WithSummary("Detect every face in an image and identify each 1:N.")
        .WithDescription("personId is null for a face that matches no enrolled person. An image without faces answers an empty list.")
        .Accepts<FaceDetectRequest>("application/json")
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, BodyRefusals)
        .ProducesProblemCodes(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge)
        .ProducesProblemCodes(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError)
        .ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable);

    public static RouteHandlerBuilder DescribeFaceCompare(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("FaceCompare")
        .WithSummary("Compare the largest face of two images (1:1).")
        .Accepts<FaceCompareRequest>("application/json")
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, BodyRefusals)
        .ProducesProblemCodes(StatusCodes.Status413PayloadTooLarge, ProblemCodes.BodyTooLarge)
        .ProducesProblemCodes(StatusCodes.Status500InternalServerError, ProblemCodes.NoFace, ProblemCodes.InternalError)
        .ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable);

    public static RouteHandlerBuilder DescribeCheckImageReference(this RouteHandlerBuilder endpoint) => endpoint
        .WithName("CheckImageReference")
        .WithSummary("Check whether an enrollment photo reference exists.")
        .AddOpenApiOperationTransformer((operation, _, _) =>
        {
            Describe(operation, "referenceId", "The photoReferenceId given at enrollment: 1..256 printable characters, without / or \\, and not . or .. (one URL path segment).",
                new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 256 });
            return Task.CompletedTask;
        })
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemCodes.InvalidReference)
        .ProducesProblemCodes(StatusCodes.Status500InternalServerError, ProblemCodes.InternalError)
        .ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ServiceUnavailable);

    private static void Describe(OpenApiOperation operation, string name, string description, OpenApiSchema schema)
    {
        if (operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == name) is { } parameter)
        {
            parameter.Description = description;
            parameter.Schema = schema;
        }
    }
}
