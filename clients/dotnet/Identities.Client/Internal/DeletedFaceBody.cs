namespace Identities.Client.Internal;

/// <summary>DELETE /api/v1/faces/{id} answer.</summary>
internal sealed record DeletedFaceBody(Guid PersonId);
