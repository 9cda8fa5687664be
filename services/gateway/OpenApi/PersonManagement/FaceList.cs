using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>Answer of GET /api/v1/persons/{personId}/faces.</summary>
[Description("A person's faces, in face id order.")]
public sealed record FaceList([property: Description("The faces.")] IReadOnlyList<FaceResource> Faces);
