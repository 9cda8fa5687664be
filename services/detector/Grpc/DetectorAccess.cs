using Identities.Detector.V1;
using Identities.ServiceDefaults.Auth;

namespace Identities.Detector.Grpc;

/// <summary>
/// Who may call the detector: the permissions of the public endpoints that need a detection (faceDetect and
/// faceCompare: Face Detection; faceEnroll: Face Enrollment), since the gateway forwards its caller's token.
/// </summary>
public static class DetectorAccess
{
    public static MethodPermissions Methods { get; } = new MethodPermissions()
        .Allow(FaceDetector.Descriptor, nameof(FaceDetector.FaceDetectorBase.Detect), Permissions.FaceDetection, Permissions.FaceEnrollment);
}
