using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>Answer of DELETE /api/v1/faces/{faceId}.</summary>
[Description("The person the deleted face belonged to (who stays).")]
public sealed record DeletedFace([property: Description("The face's person.")] Guid PersonId);
