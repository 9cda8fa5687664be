using System.CommandLine;
using Identities.Inference;

namespace Identities.Benchmarks;

/// <summary>Command-line settings (System.CommandLine, through BenchCommandLine): the full run (default) or --quick, and optional overrides.</summary>
internal sealed class BenchSettings
{
    private static readonly Option<bool> QuickOption = new("--quick") { Description = "Short smoke run (under a minute)" };
    private static readonly Option<int?> PhotosOption = new("--photos") { Description = "Photos sampled from the shared set (default 20; quick 6)" };
    private static readonly Option<int?> RepsOption = new("--reps") { Description = "Timed repetitions over those photos (default 3; quick 1)" };
    private static readonly Option<int[]> SectionsOption = BenchCommandLine.IntList("--sections", "Which sections to run, e.g. 1,3 (default 1,2,3,4,5)");
    private static readonly Option<ExecutionProvider> ProviderOption = new("--provider") { Description = "Cpu (default), Auto or Cuda", DefaultValueFactory = _ => ExecutionProvider.Cpu };

    private static readonly RootCommand Command = new(
        "CPU benchmark of the detector and embedder on the real models. Environment: IDENTITIES_MODELS_DIR (default <repo>/models), " +
        "IDENTITIES_FACES_DIR (default <repo>/../shared/faces/deepface).")
    {
        QuickOption, PhotosOption, RepsOption, SectionsOption, ProviderOption,
    };

    public bool Quick { get; private init; }

    public int Photos { get; private init; }

    public int Reps { get; private init; }

    public HashSet<int> Sections { get; private init; } = [];

    public ExecutionProvider Provider { get; private init; }

    /// <summary>Minimum measured time per batch size in section 2.</summary>
    public TimeSpan ThroughputBudget => Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(1.5);

    public int ThroughputMinRuns => Quick ? 2 : 5;

    /// <summary>Intra-op threads of the embedder in section 2, with spinning.</summary>
    public (int Threads, bool Spinning)[] ThroughputThreads =>
        Quick ? [(1, false), (2, false)] : [(1, false), (2, false), (2, true)];

    public int[] BatchSizes => [1, 2, 4, 8, 16, 32, 64];

    public TimeSpan BatcherWarmup => Quick ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromMilliseconds(500);

    public TimeSpan BatcherWindow => Quick ? TimeSpan.FromMilliseconds(600) : TimeSpan.FromSeconds(2.5);

    public int[] BatcherCallers => Quick ? [1, 16] : [1, 4, 16, 64];

    public (int MaxBatch, double WaitMs)[] BatcherSettings =>
        Quick ? [(1, 0), (32, 2)] : [(1, 0), (8, 0), (8, 2), (16, 2), (32, 2), (32, 5)];

    /// <summary>(IntraOpThreads, ConcurrentBatches) of the embedder in section 3: two ways to use 2 cores.</summary>
    public (int Threads, int ConcurrentBatches)[] BatcherConfigs => Quick ? [(1, 1), (1, 2)] : [(1, 1), (2, 1), (1, 2)];

    public TimeSpan SharedWarmup => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(2);

    public TimeSpan SharedWindow => Quick ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(10);

    public int SharedWorkers => 2;

    /// <summary>(threads, spinning) per session in section 4; the first is the service default.</summary>
    public (int Threads, bool Spinning)[] SharedConfigs =>
        Quick ? [(1, false), (0, true)] : [(1, false), (1, true), (0, false), (0, true)];

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
            Photos = Math.Max(1, parsed.GetValue(PhotosOption) ?? (quick ? 6 : 20)),
            Reps = Math.Max(1, parsed.GetValue(RepsOption) ?? (quick ? 1 : 3)),
            Sections = [.. BenchCommandLine.ListOr(parsed, SectionsOption, [1, 2, 3, 4, 5])],
            Provider = parsed.GetValue(ProviderOption),
        };
    }
}
