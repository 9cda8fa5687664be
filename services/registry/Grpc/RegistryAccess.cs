using Identities.ServiceDefaults.Auth;
using static Identities.ServiceDefaults.Auth.Permissions;
using Service = Identities.Registry.V1.Registry;

namespace Identities.Registry.Grpc;

/// <summary>
/// Who may call each registry method: Person Management for the persons API (served through the gateway's YARP
/// route), and for the face operations the permission of the public endpoint that calls it (faceEnroll: Face
/// Enrollment, which also looks the person up first; faceDetect and checkImageReference: Face Detection).
/// </summary>
public static class RegistryAccess
{
    public static MethodPermissions Methods { get; } = new MethodPermissions()
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.CreatePerson), PersonManagement)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.GetPerson), PersonManagement, FaceEnrollment)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.UpdatePerson), PersonManagement)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.DeletePerson), PersonManagement)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.ListPersons), PersonManagement)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.ListFaces), PersonManagement)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.DeleteFace), PersonManagement)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.EnrollFace), FaceEnrollment)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.Search), FaceDetection)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.SearchBatch), FaceDetection)
        .Allow(Service.Descriptor, nameof(Service.RegistryBase.CheckReference), FaceDetection);
}
