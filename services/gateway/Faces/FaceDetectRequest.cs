using System.ComponentModel;

namespace Identities.Gateway.Faces;

/// <summary>Body of POST /api/v1/faces/faceDetect. Image may still arrive null: JsonBody.Required answers missing_field.</summary>
public sealed record FaceDetectRequest([property: Description("The image (JPEG, PNG, BMP or WebP), base64.")] byte[] Image);
