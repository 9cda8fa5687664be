using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>An enrolled face as Person Management answers it (the registry's Face message in proto3 JSON).</summary>
[Description("An enrolled face; its vector stays in the registry.")]
public sealed record FaceResource(
    [property: Description("The face's id (GUID).")] Guid FaceId,
    [property: Description("The person it belongs to.")] Guid PersonId,
    [property: Description("The embedding model its vector came from.")] string ModelId,
    [property: Description("Where the face was in its photo, in pixels.")] FaceBox Box,
    [property: Description("Quality score 0..1 at enrollment.")] double Quality,
    [property: Description("The caller's photo reference id; empty when none was given.")] string PhotoReferenceId,
    [property: Description("Id of the detection that produced the face.")] string DetectId,
    [property: Description("When the face was enrolled.")] DateTimeOffset CreatedAt);
