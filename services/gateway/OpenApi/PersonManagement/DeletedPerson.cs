using System.ComponentModel;

namespace Identities.Gateway.OpenApi.PersonManagement;

/// <summary>Answer of DELETE /api/v1/persons/{personId}.</summary>
[Description("What the deletion removed.")]
public sealed record DeletedPerson([property: Description("How many faces were removed with the person.")] int DeletedFaces);
