using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using Identities.Client.Internal;

namespace Identities.Client;

// Person Management (the Person Management permission).
public sealed partial class IdentityDbSdk
{
    /// <summary>The most persons one page may hold.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Every person, in creation order, fetched a page at a time as the enumeration goes on.</summary>
    /// <param name="pageSize">Persons per request, 1..<see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the enumeration (also settable with <c>WithCancellation</c>).</param>
    /// <returns>The persons.</returns>
    /// <exception cref="IdentitiesApiException">A page could not be read.</exception>
    public async IAsyncEnumerable<Person> ListPersonsAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        string? pageToken = null;
        do
        {
            var page = await ListPersonsPageAsync(pageSize, pageToken, cancellationToken);
            foreach (var person in page.Persons)
            {
                yield return person;
            }
            pageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    /// <summary>One page of persons, in creation order.</summary>
    /// <param name="pageSize">Persons per page, 1..<see cref="MaxPageSize"/>; null takes the service's default (50).</param>
    /// <param name="pageToken">The previous page's <see cref="PersonPage.NextPageToken"/>; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="IdentitiesApiException">400 <c>invalid_page_size</c> or <c>malformed_id</c> (a bad page token).</exception>
    public Task<PersonPage> ListPersonsPageAsync(int? pageSize = null, string? pageToken = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add("pageSize=" + Number(size));
        }
        if (!string.IsNullOrEmpty(pageToken))
        {
            query.Add("pageToken=" + Escape(pageToken));
        }
        return SendAsync<PersonPage>(HttpMethod.Get, "api/v1/persons" + (query.Count == 0 ? "" : "?" + string.Join('&', query)), null,
            IdentitiesJsonContext.Default.PersonPage, CallKind.Safe, cancellationToken);
    }

    /// <summary>One person.</summary>
    /// <param name="personId">The person's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The person.</returns>
    /// <exception cref="IdentitiesApiException">404 <c>person_not_found</c>.</exception>
    public Task<Person> GetPersonAsync(Guid personId, CancellationToken cancellationToken = default) =>
        SendAsync<Person>(HttpMethod.Get, $"api/v1/persons/{personId}", null, IdentitiesJsonContext.Default.Person, CallKind.Safe, cancellationToken);

    /// <summary>Creates a person without faces (to enroll faces into with <see cref="FaceEnrollAsync"/>). Never retried.</summary>
    /// <param name="person">Name, tags and attributes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new person.</returns>
    /// <exception cref="IdentitiesApiException">400 <c>text_too_long</c>, <c>invalid_tags</c> or <c>invalid_attributes</c>.</exception>
    public Task<Person> CreatePersonAsync(NewPerson person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        return SendAsync(HttpMethod.Post, "api/v1/persons", () => JsonContent.Create(person, IdentitiesJsonContext.Default.NewPerson),
            IdentitiesJsonContext.Default.Person, CallKind.Once, cancellationToken);
    }

    /// <summary>Changes a person's name, tags or attributes: each part that is set replaces the stored one.</summary>
    /// <param name="personId">The person's id.</param>
    /// <param name="update">The parts to change.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The person as it is now.</returns>
    /// <exception cref="IdentitiesApiException">404 <c>person_not_found</c>; 400 for a value out of bounds.</exception>
    public Task<Person> UpdatePersonAsync(Guid personId, PersonUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var body = new PersonUpdateBody(update.Name,
            update.Tags is null ? null : new TagValuesBody(update.Tags),
            update.Attributes is null ? null : new AttributeValuesBody(update.Attributes));
        return SendAsync(HttpMethod.Patch, $"api/v1/persons/{personId}", () => JsonContent.Create(body, IdentitiesJsonContext.Default.PersonUpdateBody),
            IdentitiesJsonContext.Default.Person, CallKind.Safe, cancellationToken);
    }

    /// <summary>Deletes a person with all their faces and photo references. Never retried.</summary>
    /// <param name="personId">The person's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many faces were deleted with the person.</returns>
    /// <exception cref="IdentitiesApiException">404 <c>person_not_found</c>.</exception>
    public async Task<int> DeletePersonAsync(Guid personId, CancellationToken cancellationToken = default) =>
        (await SendAsync<DeletedPersonBody>(HttpMethod.Delete, $"api/v1/persons/{personId}", null, IdentitiesJsonContext.Default.DeletedPersonBody,
            CallKind.Once, cancellationToken)).DeletedFaces;

    /// <summary>A person's faces, in face id order (about enrollment order).</summary>
    /// <param name="personId">The person's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The faces.</returns>
    /// <exception cref="IdentitiesApiException">404 <c>person_not_found</c>.</exception>
    public async Task<IReadOnlyList<Face>> ListFacesAsync(Guid personId, CancellationToken cancellationToken = default) =>
        (await SendAsync<FaceListBody>(HttpMethod.Get, $"api/v1/persons/{personId}/faces", null, IdentitiesJsonContext.Default.FaceListBody,
            CallKind.Safe, cancellationToken)).Faces;

    /// <summary>Deletes one face with its photo reference; the person stays. Never retried.</summary>
    /// <param name="faceId">The face's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The person the face belonged to.</returns>
    /// <exception cref="IdentitiesApiException">404 <c>face_not_found</c>.</exception>
    public async Task<Guid> DeleteFaceAsync(Guid faceId, CancellationToken cancellationToken = default) =>
        (await SendAsync<DeletedFaceBody>(HttpMethod.Delete, $"api/v1/faces/{faceId}", null, IdentitiesJsonContext.Default.DeletedFaceBody,
            CallKind.Once, cancellationToken)).PersonId;
}
