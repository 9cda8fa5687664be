namespace Identities.Testing;

/// <summary>
/// The shared detection photos (../shared/faces/detection: dlib's annotated group photos, crowds, photos without
/// people). A fresh clone may not have them: tests that need them are skipped with the reason.
/// </summary>
public static class DetectionPhotos
{
    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("IDENTITIES_DETECTION_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "faces", "detection"));

    public static bool Available => File.Exists(Path.Combine(Directory, "dlib", "training.xml"));

    public static void SkipIfMissing() => Skip.IfNot(Available,
        $"Detection photos not found at {Directory}; set IDENTITIES_DETECTION_DIR to the detection photo folder.");

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static byte[] Read(string file) => File.ReadAllBytes(PathOf(file));
}
