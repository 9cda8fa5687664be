using System.Globalization;
using System.Net.Http.Json;
using Identities.Client.Internal;

namespace Identities.Client;

// The contract's four face operations (Face Enrollment and Face Detection permissions).
public sealed partial class IdentityDbSdk
{
    /// <summary>Enrolls a face: creates a new person with it, or adds it to <paramref name="personId"/>. Never retried (a repeat could enroll twice).</summary>
    /// <param name="body">The photo and its optional reference id.</param>
    /// <param name="personId">The existing person to add the face to; null creates a new person.</param>
    /// <param name="forceEnrollment">Enroll even when the face's quality is under the service's threshold.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The person (new or given) and the new face.</returns>
    /// <exception cref="IdentitiesApiException">
    /// 400 (bad image or reference), 404 <c>person_not_found</c>, 409 <c>reference_exists</c> (see
    /// <see cref="IdentitiesApiException.ExistingFaceId"/>), 500 for a refused photo (<c>no_face</c>,
    /// <c>multiple_faces</c>, <c>face_too_small</c>, <c>low_quality</c>), 503 when the service is not ready.
    /// </exception>
    public Task<FaceEnrollResponse> FaceEnrollAsync(FaceEnrollRequest body, Guid? personId = null, bool forceEnrollment = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var query = new List<string>();
        if (personId is { } id)
        {
            query.Add($"personId={id}");
        }
        if (forceEnrollment)
        {
            query.Add("forceEnrollment=true");
        }
        var path = "api/v1/faces/faceEnroll" + (query.Count == 0 ? "" : "?" + string.Join('&', query));
        return SendAsync(HttpMethod.Post, path, () => JsonContent.Create(body, IdentitiesJsonContext.Default.FaceEnrollRequest),
            IdentitiesJsonContext.Default.FaceEnrollResponse, CallKind.Once, cancellationToken);
    }

    /// <summary>Detects every face in an image and identifies each against everyone enrolled (1:N).</summary>
    /// <param name="body">The image.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The faces; a face that matches nobody has a null <see cref="FaceDetection.PersonId"/>.</returns>
    /// <exception cref="IdentitiesApiException">400 for a bad image, 503 when the service is not ready (after the retries).</exception>
    public Task<FaceDetectResponse> FaceDetectAsync(FaceDetectRequest body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SendAsync(HttpMethod.Post, "api/v1/faces/faceDetect", () => JsonContent.Create(body, IdentitiesJsonContext.Default.FaceDetectRequest),
            IdentitiesJsonContext.Default.FaceDetectResponse, CallKind.Safe, cancellationToken);
    }

    /// <summary>Compares the largest face of two images (1:1).</summary>
    /// <param name="body">The two images.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether they are the same person, and how similar they are.</returns>
    /// <exception cref="IdentitiesApiException">400 for a bad image, 500 <c>no_face</c> when an image has no face, 503 when the service is not ready.</exception>
    public Task<FaceCompareResponse> FaceCompareAsync(FaceCompareRequest body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return SendAsync(HttpMethod.Post, "api/v1/faces/faceCompare", () => JsonContent.Create(body, IdentitiesJsonContext.Default.FaceCompareRequest),
            IdentitiesJsonContext.Default.FaceCompareResponse, CallKind.Safe, cancellationToken);
    }

    /// <summary>Checks whether a photo reference id was enrolled, and as which face.</summary>
    /// <param name="referenceId">The photoReferenceId given at enrollment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it exists, with its face and detection when it does.</returns>
    /// <exception cref="IdentitiesApiException">400 <c>invalid_reference</c> for an empty or over-long id.</exception>
    public Task<CheckImageReferenceResponse> CheckImageReferenceAsync(string referenceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(referenceId);
        return SendAsync<CheckImageReferenceResponse>(HttpMethod.Get, "api/v1/faces/checkImageReference/" + Escape(referenceId), null,
            IdentitiesJsonContext.Default.CheckImageReferenceResponse, CallKind.Safe, cancellationToken);
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
