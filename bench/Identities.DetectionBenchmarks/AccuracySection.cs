using Identities.Detector.Pipeline;

namespace Identities.DetectionBenchmarks;

/// <summary>Section 1: recall and false boxes per photo set, by face size, on the photos without people, per photo.</summary>
internal sealed class AccuracySection(DetectorHarness harness, IReadOnlyList<PhotoTruth> photos, TextWriter output, IReadOnlyList<string> extra)
{
    public void Run()
    {
        var variants = Variant.All(extra);
        var matches = variants.ToDictionary(v => v.Name, v => MatchAll(v));

        output.WriteLine("## 1. Accuracy against the ground truth");
        output.WriteLine();
        output.WriteLine("Boxes answered by `FaceDetectionPipeline.Detect` (the worker's defaults; \"before\" turns the second look off).");
        output.WriteLine("Recall: judged faces found; precision: answered boxes that are faces (boxes on ignored faces or in unjudged regions count as neither).");
        output.WriteLine();
        output.WriteLine("### 1a. Per photo set");
        output.WriteLine();
        var perSet = new MarkdownTable("set", "variant", "photos", "faces", "recall", "boxes", "false", "precision").AlignLeft(0, 1);
        foreach (var set in photos.Select(p => p.Set).Distinct().Append("all"))
        {
            foreach (var variant in variants)
            {
                var selected = matches[variant.Name].Where(m => set == "all" || m.Photo.Set == set).ToList();
                var found = selected.Sum(m => m.Match.True.Count);
                var faces = selected.Sum(m => m.Photo.JudgedFaces);
                var falseBoxes = selected.Sum(m => m.Match.False.Count);
                perSet.Add(set, variant.Name, Int(selected.Count), Int(faces), MarkdownTable.Ratio(found, faces),
                    Int(found + falseBoxes), Int(falseBoxes), MarkdownTable.Ratio(found, found + falseBoxes));
            }
        }
        perSet.Write(output);

        output.WriteLine("### 1b. By face size (every photo with people; recall by the true face's size, precision by the box's)");
        output.WriteLine();
        var bySize = new MarkdownTable("size", "variant", "faces", "recall", "boxes", "precision").AlignLeft(0, 1);
        for (var bucket = 0; bucket < SizeBuckets.Names.Length; bucket++)
        {
            foreach (var variant in variants)
            {
                var all = matches[variant.Name];
                var faces = all.Sum(m => m.Match.True.Count(t => SizeBuckets.Of(t.Face.Size) == bucket) + m.Match.Missed.Count(f => SizeBuckets.Of(f.Size) == bucket));
                var found = all.Sum(m => m.Match.True.Count(t => SizeBuckets.Of(t.Face.Size) == bucket));
                var trueBoxes = all.Sum(m => m.Match.True.Count(t => SizeBuckets.Of(t.Box.Size) == bucket));
                var falseBoxes = all.Sum(m => m.Match.False.Count(f => SizeBuckets.Of(f.Size) == bucket));
                bySize.Add(SizeBuckets.Names[bucket], variant.Name, Int(faces), MarkdownTable.Ratio(found, faces),
                    Int(trueBoxes + falseBoxes), MarkdownTable.Ratio(trueBoxes, trueBoxes + falseBoxes));
            }
        }
        bySize.Write(output);

        output.WriteLine("### 1c. Per photo (faces judged; found / false boxes / missed per variant)");
        output.WriteLine();
        var perPhoto = new MarkdownTable(["photo", "faces", "ignored", .. variants.Select(v => v.Name)]).AlignLeft(0);
        foreach (var photo in photos)
        {
            var cells = variants.Select(v => matches[v.Name].Single(m => m.Photo == photo).Match)
                .Select(m => $"{m.True.Count} / {m.False.Count} / {m.Missed.Count}" + (m.False.Count > 0 ? $" (false: {string.Join(", ", m.False.Select(f => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{f.Score:F2} at {f.X1:F0},{f.Y1:F0} {f.Width:F0}x{f.Height:F0}")))})" : ""));
            perPhoto.Add([photo.Name + (photo.NoPerson ? " (no person)" : ""), Int(photo.JudgedFaces),
                Int(photo.Faces.Count(f => f.Ignore)) + (photo.Regions.Count > 0 ? " + region" : ""), .. cells]);
        }
        perPhoto.Write(output);
    }

    private List<(PhotoTruth Photo, PhotoMatch Match)> MatchAll(Variant variant)
    {
        var pipeline = harness.Pipeline(variant.Options);
        var request = new DetectionRequestOptions(OmitCrops: true);
        return [.. photos.Select(photo =>
        {
            var result = pipeline.Detect(File.ReadAllBytes(photo.Path), request, CancellationToken.None);
            var boxes = result.Faces.Select(f => new Detection(f.Box.X1, f.Box.Y1, f.Box.X2, f.Box.Y2, f.Score));
            return (photo, Matcher.Match(photo, boxes));
        })];
    }

    private static string Int(int value) => MarkdownTable.Int(value);
}
