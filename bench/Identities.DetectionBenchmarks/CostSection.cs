using System.Diagnostics;
using Identities.Detector.Pipeline;

namespace Identities.DetectionBenchmarks;

/// <summary>
/// Sections 3 and 4: what the second look costs. Each photo is detected (crops included, as the worker answers)
/// by the defaults and by the pipeline without the second look, alternating which goes first, in one run: the
/// ratio holds on a busy machine even where the absolute times do not.
/// </summary>
internal sealed class CostSection(DetectorHarness harness, TextWriter output, int reps)
{
    public void RunDetectionPhotos(IReadOnlyList<PhotoTruth> photos)
    {
        var times = Measure(photos.Select(p => (p.Name, p.Path)).ToList());
        output.WriteLine("## 3. Time per photo, detection photos");
        output.WriteLine();
        Write(times, perPhoto: true);
    }

    public void RunDeepface(string directory)
    {
        var files = Directory.EnumerateFiles(directory, "*.jpg").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), f)).ToList();
        var times = Measure(files);
        output.WriteLine($"## 4. CPU time on the deepface photos ({files.Count} photos, {reps} reps, interleaved)");
        output.WriteLine();
        Write(times, perPhoto: false);
        var changed = times.Where(t => t.Faces[0] != t.Faces[1] || t.Name == "selfie-many-people.jpg").Select(t => $"{t.Name} {t.Faces[0]} -> {t.Faces[1]}");
        output.WriteLine($"Faces before -> now, on the selfie and every photo where the count changed: {string.Join("; ", changed)}.");
        output.WriteLine();
    }

    private List<PhotoTimes> Measure(List<(string Name, string Path)> files)
    {
        var variants = Variant.All([]);
        var pipelines = variants.Select(v => harness.Pipeline(v.Options)).ToArray();
        var request = new DetectionRequestOptions();
        var times = files.Select(f => new PhotoTimes(f.Name, File.ReadAllBytes(f.Path), variants.Count)).ToList();
        foreach (var photo in times)
        {
            // Untimed: the first run of a size warms the caches for both.
            foreach (var pipeline in pipelines)
            {
                _ = pipeline.Detect(photo.Bytes, request, CancellationToken.None);
            }
        }
        for (var rep = 0; rep < reps; rep++)
        {
            foreach (var photo in times)
            {
                for (var k = 0; k < pipelines.Length; k++)
                {
                    var v = (k + rep) % pipelines.Length;
                    var cpu = CpuClock.OwnSeconds();
                    var started = Stopwatch.GetTimestamp();
                    var result = pipelines[v].Detect(photo.Bytes, request, CancellationToken.None);
                    photo.WallMs[v] += Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    photo.CpuSeconds[v] += CpuClock.OwnSeconds() - cpu;
                    photo.Faces[v] = result.Faces.Count;
                }
            }
        }
        return times;
    }

    private void Write(List<PhotoTimes> times, bool perPhoto)
    {
        var variants = Variant.All([]);
        var table = new MarkdownTable("photo", "faces before", "faces now", "ms before", "ms now", "wall ratio", "CPU s before", "CPU s now", "CPU ratio").AlignLeft(0);
        if (perPhoto)
        {
            foreach (var t in times)
            {
                Row(table, t.Name, [t]);
            }
        }
        Row(table, $"all {times.Count} photos (ms: mean per photo)", times);
        table.Write(output);
        output.WriteLine($"Variants: {string.Join("; ", variants.Select(v => v.Name))}. ms: wall-clock mean per detect; CPU s: this process's CPU seconds over all {reps} reps.");
        output.WriteLine();
    }

    private void Row(MarkdownTable table, string name, IReadOnlyList<PhotoTimes> set)
    {
        double Wall(int v) => set.Sum(t => t.WallMs[v]) / set.Count / reps;
        double Cpu(int v) => set.Sum(t => t.CpuSeconds[v]);
        table.Add(name, MarkdownTable.Int(set.Sum(t => t.Faces[0])), MarkdownTable.Int(set.Sum(t => t.Faces[1])),
            MarkdownTable.Ms(Wall(0)), MarkdownTable.Ms(Wall(1)), MarkdownTable.Number(Wall(1) / Wall(0), 3),
            MarkdownTable.Number(Cpu(0), 2), MarkdownTable.Number(Cpu(1), 2), MarkdownTable.Number(Cpu(1) / Cpu(0), 3));
    }

    private sealed class PhotoTimes(string name, byte[] bytes, int variants)
    {
        public string Name { get; } = name;

        public byte[] Bytes { get; } = bytes;

        public double[] WallMs { get; } = new double[variants];

        public double[] CpuSeconds { get; } = new double[variants];

        public int[] Faces { get; } = new int[variants];
    }
}
