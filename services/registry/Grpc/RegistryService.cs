using Grpc.Core;
using Identities.Contracts.Errors;
using Identities.Registry.Storage;
using Identities.Registry.V1;
using Identities.Registry.Validation;

namespace Identities.Registry.Grpc;

/// <summary>Thin gRPC layer: validate, call the store, map. Errors are mapped by RegistryExceptionInterceptor.</summary>
public sealed class RegistryService(PersonStore persons, FaceStore faces, VectorSearch search) : V1.Registry.RegistryBase
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 500;
    private const int MaxK = 100;
    private const int MaxBatch = 256;

    public override async Task<Person> CreatePerson(CreatePersonRequest request, ServerCallContext context) =>
        RegistryMapper.ToMessage(await persons.CreateAsync(Details(request.Details, "details")));

    public override async Task<Person> GetPerson(GetPersonRequest request, ServerCallContext context) =>
        RegistryMapper.ToMessage(await persons.GetAsync(RequestValidator.Id(request.PersonId, "person_id")));

    public override async Task<Person> UpdatePerson(UpdatePersonRequest request, ServerCallContext context)
    {
        var personId = RequestValidator.Id(request.PersonId, "person_id");
        var changes = new PersonDetailsRecord(
            request.HasName ? RequestValidator.Text(request.Name, "name") : null,
            request.Tags is null ? null : RequestValidator.Tags(request.Tags.Values, "tags"),
            request.Attributes is null ? null : RequestValidator.Attributes(request.Attributes.Values, "attributes"));
        return RegistryMapper.ToMessage(await persons.UpdateAsync(personId, changes));
    }

    public override async Task<DeletePersonResponse> DeletePerson(DeletePersonRequest request, ServerCallContext context) =>
        new() { DeletedFaces = await persons.DeleteAsync(RequestValidator.Id(request.PersonId, "person_id")) };

    public override async Task<ListPersonsResponse> ListPersons(ListPersonsRequest request, ServerCallContext context)
    {
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw RequestValidator.Invalid("page_size", RegistryErrorReasons.InvalidPageSize, $"page_size must be 0..{MaxPageSize}.");
        }
        var after = request.PageToken.Length == 0 ? null : RequestValidator.Id(request.PageToken, "page_token");
        var (page, last) = await persons.ListAsync(after, request.PageSize == 0 ? DefaultPageSize : request.PageSize);
        var response = new ListPersonsResponse { NextPageToken = last ?? "" };
        response.Persons.AddRange(page.Select(RegistryMapper.ToMessage));
        return response;
    }

    public override async Task<ListFacesResponse> ListFaces(ListFacesRequest request, ServerCallContext context)
    {
        var response = new ListFacesResponse();
        response.Faces.AddRange((await faces.ListAsync(RequestValidator.Id(request.PersonId, "person_id"))).Select(RegistryMapper.ToMessage));
        return response;
    }

    public override async Task<DeleteFaceResponse> DeleteFace(DeleteFaceRequest request, ServerCallContext context) =>
        new() { PersonId = await faces.DeleteAsync(RequestValidator.Id(request.FaceId, "face_id")) };

    public override async Task<EnrollFaceResponse> EnrollFace(EnrollFaceRequest request, ServerCallContext context)
    {
        var enrollment = new EnrollmentRecord(
            request.TargetCase == EnrollFaceRequest.TargetOneofCase.PersonId ? RequestValidator.Id(request.PersonId, "person_id") : null,
            request.TargetCase == EnrollFaceRequest.TargetOneofCase.NewPerson ? Details(request.NewPerson, "new_person") : null,
            RequestValidator.Vector(request.Vector, "vector"),
            RequestValidator.ModelId(request.ModelId),
            RegistryMapper.ToRecord(request.Box),
            request.Quality,
            RequestValidator.Reference(request.PhotoReferenceId, "photo_reference_id", required: false),
            request.DetectId.Length == 0 ? "" : RequestValidator.Id(request.DetectId, "detect_id"));
        if (request.TargetCase == EnrollFaceRequest.TargetOneofCase.None)
        {
            throw RequestValidator.Invalid("target", RegistryErrorReasons.MissingTarget, "Set person_id (existing person) or new_person.");
        }
        var result = await faces.EnrollAsync(enrollment);
        return new EnrollFaceResponse { FaceId = result.FaceId, PersonId = result.PersonId, PersonCreated = result.PersonCreated };
    }

    public override async Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var query = RequestValidator.Vector(request.Vector, "vector");
        var results = await SearchAsync([query], request.ModelId, request.K, request.MinScore);
        return RegistryMapper.ToMessage(results[0]);
    }

    public override async Task<SearchBatchResponse> SearchBatch(SearchBatchRequest request, ServerCallContext context)
    {
        if (request.Queries.Count is 0 or > MaxBatch)
        {
            throw RequestValidator.Invalid("queries", RegistryErrorReasons.InvalidBatch, $"Send 1..{MaxBatch} queries.");
        }
        var queries = request.Queries.Select((q, i) => RequestValidator.Vector(q.Vector, $"queries[{i}].vector")).ToList();
        var response = new SearchBatchResponse();
        response.Results.AddRange((await SearchAsync(queries, request.ModelId, request.K, request.MinScore)).Select(RegistryMapper.ToMessage));
        return response;
    }

    public override async Task<CheckReferenceResponse> CheckReference(CheckReferenceRequest request, ServerCallContext context)
    {
        var reference = await faces.CheckReferenceAsync(RequestValidator.Reference(request.PhotoReferenceId, "photo_reference_id", required: true));
        return reference is null
            ? new CheckReferenceResponse { Exists = false }
            : new CheckReferenceResponse { Exists = true, FaceId = reference.FaceId, DetectId = reference.DetectId, PersonId = reference.PersonId };
    }

    private async Task<IReadOnlyList<IReadOnlyList<MatchRecord>>> SearchAsync(IReadOnlyList<float[]> queries, string modelId, int k, float minScore)
    {
        RequestValidator.ModelId(modelId);
        if (k is < 0 or > MaxK)
        {
            throw RequestValidator.Invalid("k", RegistryErrorReasons.InvalidK, $"k must be 0..{MaxK}.");
        }
        if (!float.IsFinite(minScore) || minScore is < -1 or > 1)
        {
            throw RequestValidator.Invalid("min_score", RegistryErrorReasons.InvalidMinScore, "min_score must be a cosine in -1..1.");
        }
        var dimension = await search.DimensionAsync(modelId);
        var wrong = queries.Select((q, i) => (q, i)).FirstOrDefault(x => dimension is not null && x.q.Length != dimension);
        if (wrong.q is not null)
        {
            throw RequestValidator.Invalid(queries.Count == 1 ? "vector" : $"queries[{wrong.i}].vector", RegistryErrorReasons.DimensionMismatch,
                $"Model '{modelId}' has {dimension}-d vectors; the query has {wrong.q.Length}.");
        }
        return await search.SearchAsync(queries, modelId, k == 0 ? 1 : k, minScore);
    }

    private static PersonDetailsRecord Details(PersonDetails? details, string field) => details is null
        ? new PersonDetailsRecord("", [], new Dictionary<string, string>())
        : new PersonDetailsRecord(
            RequestValidator.Text(details.Name, $"{field}.name"),
            RequestValidator.Tags(details.Tags, $"{field}.tags"),
            RequestValidator.Attributes(details.Attributes, $"{field}.attributes"));
}
