using Identities.Detector.V1;
using Identities.Gateway.Problems;

namespace Identities.Gateway.Faces;

/// <summary>
/// The face an enrollment or comparison is about: the largest. Enrollment also demands that no other face
/// is nearly as large (whose face would it be?), and that it is big enough to recognise.
/// </summary>
public static class PrimaryFaceSelector
{
    public static DetectedFace Select(IReadOnlyList<DetectedFace> faces, string field)
    {
        if (faces.Count == 0)
        {
            throw ApiProblemException.ImageRejected(ProblemCodes.NoFace, $"No face was found in {field}.", field);
        }
        return faces.MaxBy(Area)!;
    }

    public static DetectedFace SelectForEnrollment(IReadOnlyList<DetectedFace> faces, GatewayOptions options, bool force, string field)
    {
        var primary = Select(faces, field);
        var rival = faces.Where(f => f != primary).Select(Area).DefaultIfEmpty(0).Max();
        if (rival >= options.MultipleFacesAreaRatio * Area(primary))
        {
            throw ApiProblemException.ImageRejected(ProblemCodes.MultipleFaces,
                $"{faces.Count} faces were found and a second one is nearly as large as the first; enroll a photo of one person.", field);
        }
        if (primary.Quality.InterOcularDistance < options.MinEnrollmentInterOcularDistance)
        {
            throw ApiProblemException.ImageRejected(ProblemCodes.FaceTooSmall,
                $"The face is too small: {primary.Quality.InterOcularDistance:F0} px between the eyes, at least {options.MinEnrollmentInterOcularDistance:F0} needed.", field);
        }
        if (!force && primary.Quality.Score < options.MinEnrollmentQuality)
        {
            throw ApiProblemException.ImageRejected(ProblemCodes.LowQuality,
                $"Face quality {primary.Quality.Score:F2} is under {options.MinEnrollmentQuality:F2}; use a sharper, brighter, frontal photo or forceEnrollment=true.", field);
        }
        return primary;
    }

    private static float Area(DetectedFace face) => face.Box.Width * face.Box.Height;
}
