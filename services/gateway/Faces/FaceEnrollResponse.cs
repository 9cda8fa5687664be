using System.ComponentModel;

namespace Identities.Gateway.Faces;

/// <summary>personId as the contract names it; faceId is an addition.</summary>
public sealed record FaceEnrollResponse(
    [property: Description("The person the face belongs to: new, or the one given as personId.")] string PersonId,
    [property: Description("The enrolled face.")] string FaceId);
