using Identities.Embedder.V1;
using Identities.ServiceDefaults.Auth;

namespace Identities.Embedder.Grpc;

/// <summary>
/// Who may call the embedder: the permissions of the public endpoints that need an embedding (faceDetect and
/// faceCompare: Face Detection; faceEnroll: Face Enrollment), since the gateway forwards its caller's token.
/// </summary>
public static class EmbedderAccess
{
    public static MethodPermissions Methods { get; } = new MethodPermissions()
        .Allow(FaceEmbedder.Descriptor, nameof(FaceEmbedder.FaceEmbedderBase.Embed), Permissions.FaceDetection, Permissions.FaceEnrollment)
        .Allow(FaceEmbedder.Descriptor, nameof(FaceEmbedder.FaceEmbedderBase.GetModel), Permissions.FaceDetection, Permissions.FaceEnrollment);
}
