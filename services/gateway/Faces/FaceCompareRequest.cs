using System.ComponentModel;

namespace Identities.Gateway.Faces;

/// <summary>Body of POST /api/v1/faces/faceCompare. An image may still arrive null: JsonBody.Required answers missing_field.</summary>
public sealed record FaceCompareRequest(
    [property: Description("The first image, base64; its largest face is compared.")] byte[] Image1,
    [property: Description("The second image, base64; its largest face is compared.")] byte[] Image2);
