using System.Text;
using Identities.BenchCommon;

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

    public static string Directory() => RepositoryPaths.Faces;

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

    private static byte[] Body(string json) => Encoding.UTF8.GetBytes(json);
}
