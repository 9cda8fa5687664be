namespace Identities.Contracts.Errors;

/// <summary>Keys of <c>ErrorInfo.metadata</c> in Identities refusals.</summary>
public static class ErrorMetadataKeys
{
    /// <summary>With <see cref="RegistryErrorReasons.ReferenceExists"/>: the face that holds the photo reference.</summary>
    public const string ExistingFaceId = "existing_face_id";
}
