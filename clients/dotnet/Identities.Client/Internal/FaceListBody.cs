namespace Identities.Client.Internal;

/// <summary>GET /api/v1/persons/{id}/faces answer.</summary>
internal sealed record FaceListBody(IReadOnlyList<Face> Faces);
