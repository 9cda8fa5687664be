using Identities.Gateway.Limits;
using Identities.Gateway.Problems;
using Identities.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Identities.Gateway.Faces;

/// <summary>The REST contract's four face endpoints (shared/contract/face-recognition-api.txt).</summary>
public static class FacesApi
{
    private const int MaxReferenceLength = 256;

    public static IEndpointRouteBuilder MapFacesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/faces").WithTags("Faces");

        api.MapPost("/faceEnroll", FaceEnroll).RequireAuthorization(Permissions.FaceEnrollment).DescribeFaceEnroll()
            .RequireRateLimiting(LimitPolicies.Faces);
        api.MapPost("/faceDetect", FaceDetect).RequireAuthorization(Permissions.FaceDetection).DescribeFaceDetect()
            .RequireRateLimiting(LimitPolicies.Faces);
        api.MapPost("/faceCompare", FaceCompare).RequireAuthorization(Permissions.FaceDetection).DescribeFaceCompare()
            .RequireRateLimiting(LimitPolicies.Faces);
        api.MapGet("/checkImageReference/{referenceId}", CheckImageReference).RequireAuthorization(Permissions.FaceDetection).DescribeCheckImageReference();
        return app;
    }

    public static async Task<Ok<FaceEnrollResponse>> FaceEnroll(
        HttpRequest request, FaceRecognitionService faces, string? personId, string? forceEnrollment, CancellationToken cancellationToken)
    {
        var person = personId is null ? null : ParsePersonId(personId);
        var force = ParseBool(forceEnrollment, "forceEnrollment");
        var body = await JsonBody.ReadAsync<FaceEnrollRequest>(request, cancellationToken);
        var image = JsonBody.Required(body.FaceImage, "faceImage");
        var reference = body.PhotoReferenceId is null ? null : ValidateReference(body.PhotoReferenceId, "photoReferenceId");
        return TypedResults.Ok(await faces.EnrollAsync(image, reference, person, force, cancellationToken));
    }

    public static async Task<Ok<FaceDetectResponse>> FaceDetect(HttpRequest request, FaceRecognitionService faces, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<FaceDetectRequest>(request, cancellationToken);
        return TypedResults.Ok(await faces.DetectAsync(JsonBody.Required(body.Image, "image"), cancellationToken));
    }

    public static async Task<Ok<FaceCompareResponse>> FaceCompare(HttpRequest request, FaceRecognitionService faces, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<FaceCompareRequest>(request, cancellationToken);
        var image1 = JsonBody.Required(body.Image1, "image1");
        var image2 = JsonBody.Required(body.Image2, "image2");
        return TypedResults.Ok(await faces.CompareAsync(image1, image2, cancellationToken));
    }

    public static async Task<Ok<CheckImageReferenceResponse>> CheckImageReference(
        string referenceId, FaceRecognitionService faces, CancellationToken cancellationToken) =>
        TypedResults.Ok(await faces.CheckReferenceAsync(ValidateReference(referenceId, "referenceId"), cancellationToken));

    private static string ParsePersonId(string value) => Guid.TryParse(value, out var id)
        ? id.ToString()
        : throw ApiProblemException.BadRequest(ProblemCodes.InvalidPersonId, $"personId must be a GUID, not '{Truncate(value)}'.", "personId");

    private static bool ParseBool(string? value, string field) => value is null || bool.TryParse(value, out var parsed)
        ? value is not null && bool.Parse(value)
        : throw ApiProblemException.BadRequest(ProblemCodes.InvalidQuery, $"{field} must be true or false.", field);

    /// <summary>
    /// A reference must come back through checkImageReference/{referenceId}, one URL path segment: so no '/' or
    /// '\' (a separator to URLs or proxies) and not '.' or '..' (removed from paths as dot segments).
    /// </summary>
    private static string ValidateReference(string value, string field) =>
        value.Length is > 0 and <= MaxReferenceLength && !value.Any(char.IsControl) && value.IndexOfAny(['/', '\\']) < 0 && value is not "." and not ".."
            ? value
            : throw ApiProblemException.BadRequest(ProblemCodes.InvalidReference,
                $"{field} must be 1..{MaxReferenceLength} printable characters without '/' or '\\', and not '.' or '..': it is one URL path segment of checkImageReference.", field);

    private static string Truncate(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
