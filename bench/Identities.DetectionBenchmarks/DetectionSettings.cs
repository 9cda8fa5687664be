using System.CommandLine;

namespace Identities.DetectionBenchmarks;

/// <summary>Command-line settings (System.CommandLine, through BenchCommandLine).</summary>
internal sealed class DetectionSettings
{
    private static readonly Option<int[]> SectionsOption = BenchCommandLine.IntList("--sections", "Which sections to run, e.g. 1,2 (default 1,2,3,4)");
    private static readonly Option<int?> RepsOption = new("--reps") { Description = "Timed repetitions in sections 3 and 4 (default 3)" };
    private static readonly Option<bool> QuickOption = new("--quick") { Description = "One repetition (a smoke check, about a minute on 2 cores)" };
    private static readonly Option<string[]> VariantOption = new("--variant")
    {
        Description = "Also measure the defaults changed by OPTIONS, e.g. MinScore=0.5,TileMinScore=0.6 (DetectorOptions property names; repeatable)",
        DefaultValueFactory = _ => [],
    };
    private static readonly Option<Uri?> GatewayOption = new("--gateway")
    {
        Description = "Also section 5: ulfd/17.jpg and ulfd/25.jpg through a running stack's REST faceDetect (admin password from IDENTITIES_ADMIN_PASSWORD)",
    };
    private static readonly Option<string?> ExplainOption = new("--explain") { Description = "Only list every candidate of one photo with its scores and what became of it" };

    private static readonly RootCommand Command = new(
        "Detection accuracy over ../shared/faces/detection against ground truth, and the confirmation stage's CPU cost. Environment: " +
        "IDENTITIES_MODELS_DIR (default <repo>/models), IDENTITIES_DETECTION_DIR (default <repo>/../shared/faces/detection), " +
        "IDENTITIES_FACES_DIR (default <repo>/../shared/faces/deepface).")
    {
        SectionsOption, RepsOption, QuickOption, VariantOption, GatewayOption, ExplainOption,
    };

    public HashSet<int> Sections { get; private init; } = [];

    public int Reps { get; private init; }

    public IReadOnlyList<string> Variants { get; private init; } = [];

    public string? Explain { get; private init; }

    public Uri? Gateway { get; private init; }

    /// <summary>The settings, or null after help or an error was printed (<paramref name="exitCode"/> says how to end).</summary>
    public static DetectionSettings? Parse(string[] args, out int exitCode)
    {
        if (BenchCommandLine.Parse(Command, args, out exitCode) is not { } parsed)
        {
            return null;
        }
        return new DetectionSettings
        {
            Sections = [.. BenchCommandLine.ListOr(parsed, SectionsOption, [1, 2, 3, 4])],
            Reps = parsed.GetValue(QuickOption) ? 1 : Math.Max(1, parsed.GetValue(RepsOption) ?? 3),
            Variants = parsed.GetValue(VariantOption) ?? [],
            Gateway = parsed.GetValue(GatewayOption),
            Explain = parsed.GetValue(ExplainOption),
        };
    }
}
