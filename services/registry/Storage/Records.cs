namespace Identities.Registry.Storage;

/// <summary>A person as stored.</summary>
public sealed record PersonRecord(
    string PersonId, string Name, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, string> Attributes,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int FaceCount);

/// <summary>Name, tags and attributes of a person; null parts are left unchanged by an update.</summary>
public sealed record PersonDetailsRecord(string? Name, IReadOnlyList<string>? Tags, IReadOnlyDictionary<string, string>? Attributes);

/// <summary>A face's box in the enrollment photo's pixels.</summary>
public sealed record BoxRecord(float X, float Y, float Width, float Height);

/// <summary>An enrolled face as stored (the vector lives in the model's vector set).</summary>
public sealed record FaceRecord(
    string FaceId, string PersonId, string ModelId, BoxRecord Box, float Quality, string PhotoReferenceId,
    string DetectId, DateTimeOffset CreatedAt);

/// <summary>What to enroll: an existing person (PersonId) or a new one (NewPerson).</summary>
public sealed record EnrollmentRecord(
    string? PersonId, PersonDetailsRecord? NewPerson, float[] Vector, string ModelId, BoxRecord Box, float Quality,
    string PhotoReferenceId, string DetectId);

public sealed record EnrollmentResult(string FaceId, string PersonId, bool PersonCreated);

/// <summary>A search hit; Score is the cosine similarity.</summary>
public sealed record MatchRecord(string FaceId, string PersonId, float Score);

public sealed record ReferenceRecord(string FaceId, string DetectId, string PersonId);
