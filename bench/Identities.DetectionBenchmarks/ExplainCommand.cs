using System.Globalization;
using Identities.Detector.Detection;

namespace Identities.DetectionBenchmarks;

/// <summary>--explain FILE: every candidate of one photo under the defaults, with its scores and what became of it.</summary>
internal static class ExplainCommand
{
    public static void Run(DetectorHarness harness, string file, TextWriter output)
    {
        var options = DetectorHarness.Defaults();
        var pipeline = harness.Pipeline(options);
        var candidates = pipeline.FindCandidates(File.ReadAllBytes(file), options.MinScore, CancellationToken.None);
        output.WriteLine($"## Candidates of {file} (defaults)");
        output.WriteLine();
        var table = new MarkdownTable("#", "box x,y w x h", "score", "level", "seen px", "second look", "answer").AlignLeft(1, 6);
        foreach (var (c, i) in candidates.Select((c, i) => (c, i)))
        {
            table.Add(i.ToString(CultureInfo.InvariantCulture), Box(c.Candidate.Box), F(c.Candidate.Score), c.Candidate.Level.ToString(CultureInfo.InvariantCulture),
                c.Candidate.SeenHeight.ToString("F0", CultureInfo.InvariantCulture), float.IsNaN(c.ConfirmationScore) ? "-" : F(c.ConfirmationScore),
                Reason(c, options));
        }
        table.Write(output);
    }

    private static string Reason(ScoredCandidate c, Identities.Detector.DetectorOptions options) =>
        (c.Kept, float.IsNaN(c.ConfirmationScore)) switch
        {
            (true, true) => "face (sure)",
            (true, false) => "face (confirmed)",
            (false, true) => "no face (seen large, score under LargeFaceMinScore)",
            (false, false) => $"no face (second look under {F(options.ConfirmationMinScore)})",
        };

    private static string Box(BoxF b) => string.Create(CultureInfo.InvariantCulture, $"{b.X1:F0},{b.Y1:F0} {b.Width:F0}x{b.Height:F0}");

    private static string F(float value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
