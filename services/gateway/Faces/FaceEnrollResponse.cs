namespace Identities.Gateway.Faces;

/// <summary>personId as the contract names it; faceId is an addition.</summary>
public sealed record FaceEnrollResponse(string PersonId, string FaceId);
