using System.Globalization;
using Identities.Detector;
using Identities.Detector.Detection;
using Identities.Detector.Pipeline;

namespace Identities.DetectionBenchmarks;

/// <summary>
/// Section 2: how true and false candidates score, the evidence for the thresholds. Candidates come from the
/// product's <c>FindCandidates</c> with low thresholds (every pass down to 0.5) and a second look for every one.
/// </summary>
internal sealed class ScoreSection(DetectorHarness harness, IReadOnlyList<PhotoTruth> photos, TextWriter output)
{
    private static readonly float CandidateMinScore = Math.Min(0.5f, Math.Min(new DetectorOptions().MinScore, new DetectorOptions().TileMinScore));
    private static readonly float[] DetectionBins = [0.5f, 0.7f, 0.85f, 0.9f, 0.95f, 0.99f, 0.999f];
    private static readonly float[] ConfirmationBins = [0f, 0.3f, 0.5f, 0.7f, 0.8f, 0.9f, 0.95f, 0.99f];

    public void Run()
    {
        var defaults = DetectorHarness.Defaults();
        var options = DetectorHarness.Defaults();
        options.MinScore = CandidateMinScore;
        options.TileMinScore = CandidateMinScore;
        options.ConfirmationSureScore = 2f;
        var pipeline = harness.Pipeline(options);
        var answering = harness.Pipeline(defaults);
        var answeredBoxes = new Dictionary<string, List<BoxF>>();
        var rows = new List<(float Score, int Level, float Confirmation, bool IsFace, float Size, float Seen)>();
        var falseCandidates = new List<(string Photo, Detection Box, ScoredCandidate Candidate)>();
        foreach (var photo in photos)
        {
            var bytes = File.ReadAllBytes(photo.Path);
            var candidates = pipeline.FindCandidates(bytes, CandidateMinScore, CancellationToken.None);
            answeredBoxes[photo.Name] = [.. answering.Detect(bytes, new DetectionRequestOptions(OmitCrops: true), CancellationToken.None).Faces.Select(f => f.Box)];
            var detections = candidates.Select(c => new Detection(c.Candidate.Box.X1, c.Candidate.Box.Y1, c.Candidate.Box.X2, c.Candidate.Box.Y2, c.Candidate.Score)).ToList();
            var match = Matcher.Match(photo, detections);
            var faces = match.True.Select(t => t.Box).ToHashSet();
            var falseBoxes = match.False.ToHashSet();
            for (var i = 0; i < candidates.Count; i++)
            {
                if (faces.Contains(detections[i]) || falseBoxes.Contains(detections[i]))
                {
                    rows.Add((candidates[i].Candidate.Score, candidates[i].Candidate.Level, candidates[i].ConfirmationScore, faces.Contains(detections[i]), detections[i].Size, candidates[i].Candidate.SeenHeight));
                    if (!faces.Contains(detections[i]))
                    {
                        falseCandidates.Add((photo.Name, detections[i], candidates[i]));
                    }
                }
            }
        }

        output.WriteLine("## 2. Scores of true and false candidates (the thresholds' evidence)");
        output.WriteLine();
        output.WriteLine($"Candidates of `FaceDetectionPipeline.FindCandidates` on every photo with MinScore = TileMinScore = {F(CandidateMinScore)} and a second look for every candidate under 1 (but those seen large and doubtful, which get none); " +
            "true = matches a judged face, false = matches nothing (candidates on ignored faces or in unjudged regions are left out). " +
            $"Defaults: MinScore {F(defaults.MinScore)}, TileMinScore {F(defaults.TileMinScore)}, ConfirmationSureScore {F(defaults.ConfirmationSureScore)}, ConfirmationMinScore {F(defaults.ConfirmationMinScore)}.");
        output.WriteLine();
        output.WriteLine("### 2a. Detection score (the pass that found it; level 0 = whole image, 1-2 = tiles; seen: box height in that pass's model input)");
        output.WriteLine();
        var large = defaults.LargeFaceSeenHeight;
        var detection = new MarkdownTable("detection score", "true L0", "false L0", "true tiles", "false tiles", $"true seen >= {F(large)} px", $"false seen >= {F(large)} px").AlignLeft(0);
        for (var b = 0; b < DetectionBins.Length; b++)
        {
            var (low, high) = Bin(DetectionBins, b);
            var inBin = rows.Where(r => r.Score >= low && r.Score < high).ToList();
            detection.Add($"{F(low)}-{(high > 1 ? "1" : F(high))}",
                Count(inBin, r => r.IsFace && r.Level == 0), Count(inBin, r => !r.IsFace && r.Level == 0),
                Count(inBin, r => r.IsFace && r.Level > 0), Count(inBin, r => !r.IsFace && r.Level > 0),
                Count(inBin, r => r.IsFace && r.Seen >= large), Count(inBin, r => !r.IsFace && r.Seen >= large));
        }
        detection.Write(output);

        output.WriteLine($"### 2b. Second-look score of the candidates under ConfirmationSureScore ({F(defaults.ConfirmationSureScore)})");
        output.WriteLine();
        var unsure = rows.Where(r => r.Score < defaults.ConfirmationSureScore).ToList();
        var confirmation = new MarkdownTable("second-look score", "true", "false", "true < 24 px", "false < 24 px").AlignLeft(0);
        for (var b = 0; b < ConfirmationBins.Length; b++)
        {
            var (low, high) = Bin(ConfirmationBins, b);
            var inBin = unsure.Where(r => r.Confirmation >= low && r.Confirmation < high).ToList();
            confirmation.Add($"{F(low)}-{(high > 1 ? "1" : F(high))}", Count(inBin, r => r.IsFace), Count(inBin, r => !r.IsFace),
                Count(inBin, r => r.IsFace && r.Size < 24), Count(inBin, r => !r.IsFace && r.Size < 24));
        }
        confirmation.Write(output);

        output.WriteLine("### 2c. What each second-look threshold keeps of those candidates");
        output.WriteLine();
        var thresholds = new MarkdownTable("ConfirmationMinScore", "true kept", "false kept").AlignLeft(0);
        foreach (var t in new[] { 0.1f, 0.2f, 0.3f, 0.5f, 0.7f, 0.9f, 0.95f })
        {
            thresholds.Add(F(t) + (Math.Abs(t - defaults.ConfirmationMinScore) < 1e-6 ? " (default)" : ""),
                MarkdownTable.Ratio(unsure.Count(r => r.IsFace && r.Confirmation >= t), unsure.Count(r => r.IsFace)),
                MarkdownTable.Ratio(unsure.Count(r => !r.IsFace && r.Confirmation >= t), unsure.Count(r => !r.IsFace)));
        }
        thresholds.Write(output);
        output.WriteLine("### 2d. Every false candidate, and whether the defaults answer it (second look \"-\": seen large and under LargeFaceMinScore, no second look)");
        output.WriteLine();
        var list = new MarkdownTable("photo", "box x,y w x h", "score", "level", "seen px", "second look", "defaults answer it").AlignLeft(0, 1);
        foreach (var (name, box, c) in falseCandidates.OrderByDescending(f => f.Candidate.Candidate.Score))
        {
            var answered = answeredBoxes[name].Any(a => a.IntersectionOverUnion(c.Candidate.Box) >= 0.5f);
            list.Add(name, string.Create(CultureInfo.InvariantCulture, $"{box.X1:F0},{box.Y1:F0} {box.Width:F0}x{box.Height:F0}"), F(c.Candidate.Score),
                c.Candidate.Level.ToString(CultureInfo.InvariantCulture), c.Candidate.SeenHeight.ToString("F0", CultureInfo.InvariantCulture),
                F(c.ConfirmationScore), answered ? "yes" : "no");
        }
        list.Write(output);
    }

    private static (float Low, float High) Bin(float[] edges, int b) => (edges[b], b + 1 < edges.Length ? edges[b + 1] : 1.01f);

    private static string Count<T>(IEnumerable<T> rows, Func<T, bool> predicate) => MarkdownTable.Int(rows.Count(predicate));

    private static string F(float value) => float.IsNaN(value) ? "-" : value.ToString("0.###", CultureInfo.InvariantCulture);
}
