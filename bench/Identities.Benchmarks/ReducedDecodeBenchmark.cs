using System.Diagnostics;
using System.Globalization;
using Identities.Detector;
using Identities.Detector.Detection;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Microsoft.Extensions.Options;

namespace Identities.Benchmarks;

/// <summary>
/// Section 5: reduced JPEG decoding. Per photo, one thread, interleaved in the same run: the full decode
/// against the reduced decode the detector chooses, and FaceDetectionPipeline.Detect with
/// MaxDecodeReduction=1 against the default (and a stricter shrink floor), with the faces each finds.
/// </summary>
internal sealed class ReducedDecodeBenchmark(BenchEnvironment env, IReadOnlyList<Photo> photos, DetectorModels models)
{
    private static readonly (string Name, DetectorOptions Options)[] Variants =
    [
        ("full decode (MaxDecodeReduction=1)", new DetectorOptions { MaxDecodeReduction = 1 }),
        ("reduced (defaults)", new DetectorOptions()),
        ("reduced, ReducedDecodeMinShrink=1.5", new DetectorOptions { ReducedDecodeMinShrink = 1.5f }),
    ];

    public void Run(TextWriter output)
    {
        var decoder = new ImageDecoder(Options.Create(new DetectorOptions()));
        var pipelines = Variants.Select(v => env.Pipeline(models, v.Options)).ToArray();
        var request = new DetectionRequestOptions();
        var session = models.Detection;
        var rows = photos.Select(p => new PhotoRow(p, Variants.Length)).ToList();

        foreach (var row in rows)
        {
            var header = decoder.ReadHeader(row.Photo.Bytes);
            row.Reduction = Variants.Select(v => ReducedDecodePolicy.ForDetection(header, session.InputWidth, session.InputHeight,
                v.Options.TileLevels, v.Options.MaxDecodeReduction, v.Options.ReducedDecodeMinShrink)).ToArray();
            for (var v = 0; v < Variants.Length; v++)
            {
                row.Results[v] = pipelines[v].Detect(row.Photo.Bytes, request, CancellationToken.None);
            }
        }

        for (var rep = 0; rep < env.Settings.Reps; rep++)
        {
            foreach (var row in rows)
            {
                var bytes = row.Photo.Bytes;
                var header = decoder.ReadHeader(bytes);
                // Alternate the order each repetition so neither variant always runs on a warm cache.
                var order = rep % 2 == 0 ? Enumerable.Range(0, Variants.Length) : Enumerable.Range(0, Variants.Length).Reverse();
                foreach (var v in order)
                {
                    var started = Stopwatch.GetTimestamp();
                    using (decoder.Decode(bytes, header, row.Reduction[v]))
                    {
                        row.DecodeMs[v].AddElapsed(started, Stopwatch.GetTimestamp());
                    }
                    started = Stopwatch.GetTimestamp();
                    _ = pipelines[v].Detect(bytes, request, CancellationToken.None);
                    row.DetectMs[v].AddElapsed(started, Stopwatch.GetTimestamp());
                }
            }
        }

        var n = env.Settings.Reps * photos.Count;
        output.WriteLine($"### 5a. Reduced JPEG decoding: FaceDetectionPipeline.Detect per variant ({photos.Count} photos x {env.Settings.Reps} reps = {n} images, one thread, interleaved)");
        output.WriteLine();
        var summary = new MarkdownTable("Variant", "photos decoded smaller", "decode median ms", "decode mean ms", "Detect median ms", "Detect p90 ms", "Detect mean ms", "mean vs full", "faces (sum)", "photos whose faces differ from full").AlignLeft(0);
        for (var v = 0; v < Variants.Length; v++)
        {
            var decode = Merge(rows.Select(r => r.DecodeMs[v]));
            var detect = Merge(rows.Select(r => r.DetectMs[v]));
            var fullMean = Merge(rows.Select(r => r.DetectMs[0])).Mean;
            summary.Add(
                Variants[v].Name,
                rows.Count(r => r.Reduction[v] > 1).ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Ms(decode.Median), MarkdownTable.Ms(decode.Mean),
                MarkdownTable.Ms(detect.Median), MarkdownTable.Ms(detect.Percentile(90)), MarkdownTable.Ms(detect.Mean),
                MarkdownTable.Number(detect.Mean / fullMean, 2) + "x",
                rows.Sum(r => r.Results[v]!.Faces.Count).ToString(CultureInfo.InvariantCulture),
                rows.Count(r => !SameFaces(r.Results[0]!, r.Results[v]!)).ToString(CultureInfo.InvariantCulture));
        }
        summary.Write(output);

        output.WriteLine("### 5b. Per photo (medians; box error: largest box-edge move against the full decode, as a share of the box's height)");
        output.WriteLine();
        var perPhoto = new MarkdownTable("Photo", "size", "1/r default", "1/r floor 1.5", "decode full ms", "decode reduced ms", "Detect full ms", "Detect reduced ms", "ratio", "faces full/reduced", "box error").AlignLeft(1);
        foreach (var row in rows)
        {
            var (full, reduced) = (row.Results[0]!, row.Results[1]!);
            perPhoto.Add(
                row.Photo.Name, $"{row.Photo.Width}x{row.Photo.Height}",
                row.Reduction[1].ToString(CultureInfo.InvariantCulture), row.Reduction[2].ToString(CultureInfo.InvariantCulture),
                MarkdownTable.Ms(row.DecodeMs[0].Median), MarkdownTable.Ms(row.DecodeMs[1].Median),
                MarkdownTable.Ms(row.DetectMs[0].Median), MarkdownTable.Ms(row.DetectMs[1].Median),
                MarkdownTable.Number(row.DetectMs[1].Median / row.DetectMs[0].Median, 2),
                $"{full.Faces.Count}/{reduced.Faces.Count}",
                full.Faces.Count == reduced.Faces.Count && full.Faces.Count > 0 ? (100 * BoxError(full, reduced)).ToString("F1", CultureInfo.InvariantCulture) + " %" : "-");
        }
        perPhoto.Write(output);
    }

    private static Samples Merge(IEnumerable<Samples> parts)
    {
        var all = new Samples();
        foreach (var part in parts)
        {
            all.AddRange(part.Values);
        }
        return all;
    }

    private static bool SameFaces(DetectionResult a, DetectionResult b) =>
        a.Faces.Count == b.Faces.Count && (a.Faces.Count == 0 || BoxError(a, b) <= 0.02f);

    /// <summary>Largest edge move of any face against its nearest counterpart, relative to the box height.</summary>
    private static float BoxError(DetectionResult expected, DetectionResult actual) =>
        expected.Faces.Max(e =>
        {
            var nearest = actual.Faces.MinBy(a => Math.Abs(a.Box.X1 - e.Box.X1) + Math.Abs(a.Box.Y1 - e.Box.Y1))!.Box;
            var edge = new[] { nearest.X1 - e.Box.X1, nearest.Y1 - e.Box.Y1, nearest.X2 - e.Box.X2, nearest.Y2 - e.Box.Y2 }.Max(Math.Abs);
            return edge / e.Box.Height;
        });

    private sealed class PhotoRow(Photo photo, int variants)
    {
        public Photo Photo { get; } = photo;

        public int[] Reduction { get; set; } = new int[variants];

        public DetectionResult?[] Results { get; } = new DetectionResult?[variants];

        public Samples[] DecodeMs { get; } = [.. Enumerable.Range(0, variants).Select(_ => new Samples())];

        public Samples[] DetectMs { get; } = [.. Enumerable.Range(0, variants).Select(_ => new Samples())];
    }
}
