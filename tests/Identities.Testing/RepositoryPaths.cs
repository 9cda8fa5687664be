namespace Identities.Testing;

/// <summary>
/// Where the repository, the models and the shared test photos are, as the README's test command lays them out: the one
/// finder of tests and benchmarks alike.
/// </summary>
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

    /// <summary>
    /// The folder holding Identities.sln above the binaries, else above the working directory (BenchmarkDotNet runs a
    /// benchmark from a build folder of its own, under the working directory).
    /// </summary>
    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Identities.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Identities.sln not found above the binaries or the working directory.");
    }
}
