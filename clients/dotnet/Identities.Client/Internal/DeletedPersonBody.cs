namespace Identities.Client.Internal;

/// <summary>DELETE /api/v1/persons/{id} answer.</summary>
internal sealed record DeletedPersonBody(int DeletedFaces);
