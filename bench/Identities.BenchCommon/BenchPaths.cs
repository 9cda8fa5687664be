namespace Identities.BenchCommon;

/// <summary>The repository, models and shared photos as every benchmark finds them (the same variables as the tests).</summary>
public static class BenchPaths
{
    /// <summary>
    /// The folder holding Identities.sln, searched upwards from the working directory and the binaries
    /// (BenchmarkDotNet runs each benchmark in a child process from its own build folder); null if none.
    /// </summary>
    public static string? RepositoryRoot { get; } = FindRoot();

    /// <summary>IDENTITIES_MODELS_DIR, else ./models in the repository.</summary>
    public static string ModelsDirectory =>
        Environment.GetEnvironmentVariable("IDENTITIES_MODELS_DIR") is { Length: > 0 } models
            ? Path.GetFullPath(models)
            : Path.Combine(RequireRoot(), "models");

    /// <summary>IDENTITIES_FACES_DIR, else ../shared/faces/deepface beside the repository.</summary>
    public static string FacesDirectory =>
        Environment.GetEnvironmentVariable("IDENTITIES_FACES_DIR") is { Length: > 0 } faces
            ? Path.GetFullPath(faces)
            : Path.GetFullPath(Path.Combine(RepositoryRoot ?? ".", "..", "shared", "faces", "deepface"));

    public static string RequireRoot() =>
        RepositoryRoot ?? throw new InvalidOperationException("Identities.sln not found above the current directory or the benchmark binaries.");

    private static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Identities.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }
}
