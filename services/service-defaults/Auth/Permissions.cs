namespace Identities.ServiceDefaults.Auth;

/// <summary>Permission names exactly as the contract (and the Identities web app's roles) name them; declared once.</summary>
public static class Permissions
{
    public const string FaceEnrollment = "Face Enrollment";
    public const string FaceDetection = "Face Detection";
    public const string PersonManagement = "Person Management";

    public static readonly IReadOnlyList<string> All = [FaceEnrollment, FaceDetection, PersonManagement];
}
