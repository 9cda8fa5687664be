using System.Globalization;
using System.Xml.Linq;

namespace Identities.DetectionBenchmarks;

/// <summary>
/// Ground truth of ../shared/faces/detection: dlib's XML for its annotated photos, and for every other photo the
/// text file under Truth/ that names it (written by eye; Truth/README.md says how).
/// </summary>
internal static class TruthLoader
{
    public static IReadOnlyList<PhotoTruth> Load(string photosDirectory, string truthDirectory)
    {
        var photos = new List<PhotoTruth>();
        var dlib = Path.Combine(photosDirectory, "dlib");
        var annotated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var xml in new[] { "training.xml", "testing.xml" })
        {
            foreach (var image in XDocument.Load(Path.Combine(dlib, xml)).Descendants("image"))
            {
                var file = (string)image.Attribute("file")!;
                var faces = image.Elements("box").Select(b => new TruthBox(
                    Number(b, "left"), Number(b, "top"), Number(b, "width"), Number(b, "height"),
                    (string?)b.Attribute("ignore") == "1")).ToList();
                annotated.Add(file);
                photos.Add(new PhotoTruth("dlib annotated", "dlib/" + file, Path.Combine(dlib, file), faces, []));
            }
        }
        foreach (var file in Directory.EnumerateFiles(truthDirectory, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(truthDirectory, file)[..^".txt".Length].Replace('\\', '/');
            var (faces, regions) = Parse(file);
            var set = faces.Count == 0 && regions.Count == 0 ? "no person" : name.Split('/')[0];
            photos.Add(new PhotoTruth(set, name, Path.Combine(photosDirectory, name), faces, regions));
        }
        var missing = photos.Where(p => !File.Exists(p.Path)).Select(p => p.Name).ToList();
        return missing.Count == 0
            ? [.. photos.OrderBy(p => p.Set, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)]
            : throw new FileNotFoundException($"Ground truth names photos that are not in {photosDirectory}: {string.Join(", ", missing)}");
    }

    /// <summary>"x y w h" per face, "x y w h ignore" for a face not to judge, "region x y w h" for a part not judged; # starts a comment.</summary>
    private static (List<TruthBox> Faces, List<TruthBox> Regions) Parse(string file)
    {
        var faces = new List<TruthBox>();
        var regions = new List<TruthBox>();
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var region = words[0] == "region";
            var numbers = words.Skip(region ? 1 : 0).Take(4).Select(w => float.Parse(w, CultureInfo.InvariantCulture)).ToArray();
            if (numbers.Length != 4)
            {
                throw new FormatException($"{file}: '{raw}' is not 'x y w h', 'x y w h ignore' or 'region x y w h'.");
            }
            var box = new TruthBox(numbers[0], numbers[1], numbers[2], numbers[3], words.Contains("ignore"));
            (region ? regions : faces).Add(box);
        }
        return (faces, regions);
    }

    private static float Number(XElement box, string name) => float.Parse((string)box.Attribute(name)!, CultureInfo.InvariantCulture);
}
