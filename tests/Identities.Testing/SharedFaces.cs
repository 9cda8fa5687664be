namespace Identities.Testing;

/// <summary>
/// The shared photos of known people (../shared/faces/deepface). A fresh clone may not have them: tests
/// that need them are skipped with the reason, never passed silently.
/// </summary>
public static class SharedFaces
{
    public static bool Available => File.Exists(Path.Combine(RepositoryPaths.Faces, "master.csv"));

    public static string SkipReason =>
        $"Shared face photos not found at {RepositoryPaths.Faces}; set IDENTITIES_FACES_DIR to the deepface photo folder.";

    public static void SkipIfMissing() => Skip.IfNot(Available, SkipReason);

    public static string PathOf(string file) => Path.Combine(RepositoryPaths.Faces, file);

    public static byte[] Read(string file) => File.ReadAllBytes(PathOf(file));

    /// <summary>The single-person photos: every image file except the group shots.</summary>
    public static IReadOnlyList<string> PortraitFiles() =>
        [.. Directory.EnumerateFiles(RepositoryPaths.Faces, "*.jpg")
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(f => f is not "selfie-many-people.jpg" and not "couple.jpg")
            .Order(StringComparer.Ordinal)];

    /// <summary>(file, file, same person) from master.csv and face-recognition-pivot.csv, file names only.</summary>
    public static IReadOnlyList<(string A, string B, bool Same)> LabelledPairs()
    {
        var pairs = new List<(string, string, bool)>();
        foreach (var csv in new[] { "master.csv", "face-recognition-pivot.csv" })
        {
            foreach (var line in File.ReadLines(PathOf(csv)).Skip(1))
            {
                var cells = line.Split(',');
                if (cells.Length >= 3)
                {
                    pairs.Add((Path.GetFileName(cells[0]), Path.GetFileName(cells[1]), cells[2].Trim().Equals("Yes", StringComparison.OrdinalIgnoreCase)));
                }
            }
        }
        return pairs;
    }
}
