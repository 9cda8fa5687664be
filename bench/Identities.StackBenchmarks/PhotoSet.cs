using System.Text;

namespace Identities.StackBenchmarks;

/// <summary>The shared photos, read once, with the request bodies a REST client would send for each.</summary>
internal sealed class PhotoSet
{
    private PhotoSet(IReadOnlyList<string> names, IReadOnlyList<byte[]> bytes)
    {
        Names = names;
        Bytes = bytes;
        DetectBodies = [.. bytes.Select(b => Body($"{{\"image\":\"{Convert.ToBase64String(b)}\"}}"))];
        EnrollBodies = [.. bytes.Select(b => Body($"{{\"faceImage\":\"{Convert.ToBase64String(b)}\"}}"))];
        // Each photo against the next: same and different people mixed, as callers send them.
        CompareBodies = [.. bytes.Select((b, i) =>
            Body($"{{\"image1\":\"{Convert.ToBase64String(b)}\",\"image2\":\"{Convert.ToBase64String(bytes[(i + 1) % bytes.Count])}\"}}"))];
    }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<byte[]> Bytes { get; }

    public IReadOnlyList<byte[]> DetectBodies { get; }

    public IReadOnlyList<byte[]> EnrollBodies { get; }

    public IReadOnlyList<byte[]> CompareBodies { get; }

    public int Count => Bytes.Count;

    public long TotalBytes => Bytes.Sum(b => (long)b.Length);

    public static string Directory()
    {
        var configured = Environment.GetEnvironmentVariable("IDENTITIES_FACES_DIR");
        return configured is { Length: > 0 }
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "faces", "deepface"));
    }

    public static PhotoSet Load()
    {
        var directory = Directory();
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Shared photos not found at {directory}; set IDENTITIES_FACES_DIR.");
        }
        var files = System.IO.Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"No .jpg or .png photos in {directory}.");
        }
        return new PhotoSet([.. files.Select(Path.GetFileName).Select(n => n!)], [.. files.Select(File.ReadAllBytes)]);
    }

    public static string RepositoryRoot()
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
        throw new InvalidOperationException("Identities.sln not found above the current directory or the benchmark binaries.");
    }

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);
}
