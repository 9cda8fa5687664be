namespace Identities.Contracts.Errors;

/// <summary>
/// The <c>domain</c> of the <c>google.rpc.ErrorInfo</c> detail that every refusal of an Identities gRPC service carries:
/// it says which service's reasons (<see cref="DetectorErrorReasons"/>, <see cref="RegistryErrorReasons"/>) apply.
/// </summary>
public static class ErrorDomains
{
    /// <summary>Refusals of <c>identities.detector.v1.FaceDetector</c>.</summary>
    public const string Detector = "identities.detector";

    /// <summary>Refusals of <c>identities.registry.v1.Registry</c>.</summary>
    public const string Registry = "identities.registry";
}
