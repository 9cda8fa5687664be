using System.CommandLine;

namespace Identities.RegistryBenchmarks;

/// <summary>Command-line options (System.CommandLine, through BenchCommandLine) and the sizes of each section (quick: a smoke check; full: the real run).</summary>
internal sealed class BenchSettings
{
    private const string AllSections = "begh";

    private static readonly Option<bool> QuickOption = new("--quick") { Description = "Small sizes, a few minutes (a smoke check; numbers are rough)" };
    private static readonly Option<string> SectionsOption = new("--sections")
    {
        Description = "Which sections to run: b (scale), e (enrollment), g (shard size), h (cluster) (default b,e; g and h on request)",
        DefaultValueFactory = _ => "b,e",
    };
    private static readonly Option<DataModel> DataOption = new("--data")
    {
        Description = "Vector model: face (default; calibrated on the real model's embeddings of the shared photos) or isotropic " +
            "(random directions, the hardest case for a graph index)",
        DefaultValueFactory = _ => DataModel.Face,
    };
    private static readonly Option<int[]> ShardSizesOption = BenchCommandLine.IntList("--shard-sizes",
        "Section g: faces per vector set at which recall is measured (default 25000,50000,100000,200000; quick 2000,5000)");
    private static readonly Option<int[]> ClusterSizesOption = BenchCommandLine.IntList("--cluster-sizes",
        "Section h: gallery sizes on a 3-master, 3-replica Redis Cluster at which recall, latency and cost are measured " +
        "(default 100000,250000,500000,1000000; quick 2000,5000)");
    private static readonly Option<double> LoadMinutesOption = new("--load-minutes")
    {
        Description = "Sections g and h stop loading after N minutes and measure where they got to (default 35)",
        DefaultValueFactory = _ => 35,
    };
    private static readonly Option<ulong> SeedOption = new("--seed") { Description = "Data seed (default 20261125)", DefaultValueFactory = _ => 20261125 };

    private static readonly RootCommand Command = CreateCommand();

    private static RootCommand CreateCommand()
    {
        SectionsOption.Validators.Add(result =>
        {
            var letters = Letters(result.GetValueOrDefault<string>() ?? "");
            if (letters.Count == 0 || letters.Any(s => !AllSections.Contains(s)))
            {
                result.AddError($"--sections takes letters of {string.Join(",", AllSections.ToCharArray())}.");
            }
        });
        return new RootCommand(
            "Benchmark (not a test) of the registry's storage through its own FaceStore and VectorSearch on Redis 8 vector sets.")
        {
            QuickOption, SectionsOption, DataOption, ShardSizesOption, ClusterSizesOption, LoadMinutesOption, SeedOption,
        };
    }

    public bool Quick { get; private init; }

    public IReadOnlySet<char> Sections { get; private init; } = new HashSet<char>();

    public ulong Seed { get; private init; }

    public DataModel Data { get; private init; }

    /// <summary>Section b: gallery size and queries.</summary>
    public int ScaleFaces => Quick ? 4_000 : 100_000;

    public int ScaleQueries => Quick ? 200 : 1_000;

    /// <summary>Sections g and h stop loading after this long and measure where they got to.</summary>
    public TimeSpan LoadLimit { get; private init; }

    /// <summary>Section e: faces already in the set, enrollments per measurement.</summary>
    public int EnrollPreload => Quick ? 2_000 : 20_000;

    public int EnrollSequential => Quick ? 100 : 1_000;

    public int EnrollConcurrent => Quick ? 300 : 3_000;

    /// <summary>Section g: the sizes of one shard's vector set at which recall is measured, and the queries per size.</summary>
    public IReadOnlyList<int> ShardSizes { get; private init; } = [];

    public int ShardSizeQueries => Quick ? 200 : 1_000;

    /// <summary>Section h: gallery sizes on the cluster at which it is measured.</summary>
    public IReadOnlyList<int> ClusterSizes { get; private init; } = [];

    /// <summary>The settings, or null after help or an error was printed (<paramref name="exitCode"/> says how to end).</summary>
    public static BenchSettings? Parse(string[] args, out int exitCode)
    {
        if (BenchCommandLine.Parse(Command, args, out exitCode) is not { } parsed)
        {
            return null;
        }
        var quick = parsed.GetValue(QuickOption);
        return new BenchSettings
        {
            Quick = quick,
            Sections = Letters(parsed.GetValue(SectionsOption)!),
            Seed = parsed.GetValue(SeedOption),
            Data = parsed.GetValue(DataOption),
            LoadLimit = TimeSpan.FromMinutes(parsed.GetValue(LoadMinutesOption)),
            ShardSizes = BenchCommandLine.ListOr(parsed, ShardSizesOption, quick ? [2_000, 5_000] : [25_000, 50_000, 100_000, 200_000]),
            ClusterSizes = BenchCommandLine.ListOr(parsed, ClusterSizesOption, quick ? [2_000, 5_000] : [100_000, 250_000, 500_000, 1_000_000]),
        };
    }

    private static HashSet<char> Letters(string sections) => [.. sections.Where(char.IsLetter).Select(char.ToLowerInvariant)];
}
