namespace Identities.MicroBenchmarks;

/// <summary>The shared photo some benchmarks read (IDENTITIES_FACES_DIR, default ../shared/faces/deepface above the repo).</summary>
internal static class SharedPhoto
{
    /// <summary>1382x1868, 2.3 MB, one face: the photo the per-request figures in docs/PERFORMANCE.md quote.</summary>
    public const string FileName = "img1.jpg";

    /// <summary>The folder holding Identities.sln, searched upwards from the working directory and the binaries (BenchmarkDotNet runs each benchmark in a child process from its own build folder).</summary>
    public static string? RepositoryRoot { get; } = FindRoot();

    public static string Directory { get; } = Environment.GetEnvironmentVariable("IDENTITIES_FACES_DIR") is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.GetFullPath(Path.Combine(RepositoryRoot ?? ".", "..", "shared", "faces", "deepface"));

    public static string PathOf => Path.Combine(Directory, FileName);

    public static bool Available => File.Exists(PathOf);

    public static byte[] Read() => File.Exists(PathOf)
        ? File.ReadAllBytes(PathOf)
        : throw new FileNotFoundException($"{PathOf} not found; set IDENTITIES_FACES_DIR to the deepface photo folder.");

    private static string? FindRoot()
    {
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
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
