using System.ComponentModel;

namespace Identities.Gateway.Faces;

public sealed record CheckImageReferenceResponse(
    [property: Description("True when a face holds the reference.")] bool Exists,
    [property: Description("The face holding it; null when it does not exist.")] string? FaceId,
    [property: Description("The detection that produced the face; null when it does not exist.")] string? DetectId);
