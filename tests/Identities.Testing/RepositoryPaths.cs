namespace Identities.Testing;

/// <summary>Where the models and the shared test photos are, as the README's test command lays them out.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>IDENTITIES_MODELS_DIR, else ./models (scripts/models.sh fills it).</summary>
    public static string Models { get; } =
        Environment.GetEnvironmentVariable("IDENTITIES_MODELS_DIR") is { Length: > 0 } dir ? Path.GetFullPath(dir) : Path.Combine(Root, "models");

    /// <summary>IDENTITIES_FACES_DIR, else ../shared/faces/deepface beside the repository.</summary>
    public static string Faces { get; } =
        Environment.GetEnvironmentVariable("IDENTITIES_FACES_DIR") is { Length: > 0 } faces
            ? Path.GetFullPath(faces)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "faces", "deepface"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Identities.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Identities.sln not found above the test binaries.");
    }
}
