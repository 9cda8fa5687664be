namespace Identities.MicroBenchmarks;

/// <summary>The shared photo some benchmarks read (IDENTITIES_FACES_DIR, default ../shared/faces/deepface above the repo).</summary>
internal static class SharedPhoto
{
    /// <summary>1382x1868, 2.3 MB, one face: the photo the per-request figures in docs/PERFORMANCE.md quote.</summary>
    public const string FileName = "img1.jpg";

    public static string Directory { get; } = Identities.Testing.RepositoryPaths.Faces;

    public static string PathOf => Path.Combine(Directory, FileName);

    public static bool Available => File.Exists(PathOf);

    public static byte[] Read() => File.Exists(PathOf)
        ? File.ReadAllBytes(PathOf)
        : throw new FileNotFoundException($"{PathOf} not found; set IDENTITIES_FACES_DIR to the deepface photo folder.");
}
