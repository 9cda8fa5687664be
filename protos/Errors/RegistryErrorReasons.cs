namespace Identities.Contracts.Errors;

/// <summary>
/// <c>ErrorInfo.reason</c> values of the registry (domain <see cref="ErrorDomains.Registry"/>). Person Management
/// callers see them as the problem+json <c>code</c> (the gateway keeps the reason).
/// </summary>
public static class RegistryErrorReasons
{
    /// <summary>NOT_FOUND: no person has the id.</summary>
    public const string PersonNotFound = "person_not_found";

    /// <summary>NOT_FOUND: no face has the id.</summary>
    public const string FaceNotFound = "face_not_found";

    /// <summary>ALREADY_EXISTS: the photo reference is enrolled already; metadata <see cref="ErrorMetadataKeys.ExistingFaceId"/> names its face.</summary>
    public const string ReferenceExists = "reference_exists";

    /// <summary>INVALID_ARGUMENT: an id is not a GUID.</summary>
    public const string MalformedId = "malformed_id";

    /// <summary>INVALID_ARGUMENT: a vector is empty, too long or not finite.</summary>
    public const string InvalidVector = "invalid_vector";

    /// <summary>INVALID_ARGUMENT: the vector's dimension differs from the model's enrolled vectors.</summary>
    public const string DimensionMismatch = "dimension_mismatch";

    /// <summary>INVALID_ARGUMENT: model_id is empty, too long or has characters outside letters, digits, '-', '_' and '.'.</summary>
    public const string InvalidModelId = "invalid_model_id";

    /// <summary>INVALID_ARGUMENT: a photo reference id is too long, has control characters, or is empty where required.</summary>
    public const string InvalidReference = "invalid_reference";

    /// <summary>INVALID_ARGUMENT: a name or attribute value is too long.</summary>
    public const string TextTooLong = "text_too_long";

    /// <summary>INVALID_ARGUMENT: too many tags, or a tag empty or too long.</summary>
    public const string InvalidTags = "invalid_tags";

    /// <summary>INVALID_ARGUMENT: too many attributes, or a key or value out of bounds.</summary>
    public const string InvalidAttributes = "invalid_attributes";

    /// <summary>INVALID_ARGUMENT: page_size out of range.</summary>
    public const string InvalidPageSize = "invalid_page_size";

    /// <summary>INVALID_ARGUMENT: EnrollFace without person_id or new_person.</summary>
    public const string MissingTarget = "missing_target";

    /// <summary>INVALID_ARGUMENT: SearchBatch without queries or with too many.</summary>
    public const string InvalidBatch = "invalid_batch";

    /// <summary>INVALID_ARGUMENT: k out of range.</summary>
    public const string InvalidK = "invalid_k";

    /// <summary>INVALID_ARGUMENT: min_score outside -1..1.</summary>
    public const string InvalidMinScore = "invalid_min_score";

    /// <summary>UNAVAILABLE: Redis cannot be reached; retry later.</summary>
    public const string RedisUnavailable = "redis_unavailable";

    /// <summary>UNAVAILABLE: Redis did not confirm the write in its append-only file; retry later.</summary>
    public const string NotDurable = "not_durable";

    /// <summary>UNAVAILABLE: a newly drawn person id collided; retry.</summary>
    public const string IdCollision = "id_collision";

    /// <summary>UNAVAILABLE: a write of the enrollment failed and every earlier write was undone; retry.</summary>
    public const string EnrollmentRolledBack = "enrollment_rolled_back";

    /// <summary>UNAVAILABLE: another request is enrolling the same photo reference and did not finish in time; retry.</summary>
    public const string ReferencePending = "reference_pending";

    /// <summary>
    /// UNAVAILABLE: the enrollment's durability could be neither confirmed nor undone; metadata
    /// <see cref="ErrorMetadataKeys.ExistingFaceId"/> names the face to look for before retrying.
    /// </summary>
    public const string EnrollmentUnconfirmed = "enrollment_unconfirmed";

    /// <summary>UNAVAILABLE: the person changed during every attempt of a delete; retry.</summary>
    public const string Contended = "contended";

    /// <summary>UNAVAILABLE: test-only fault injection stopped the enrollment as a crash would.</summary>
    public const string InjectedCrash = "injected_crash";
}
