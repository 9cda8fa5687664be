using System.Globalization;
using Identities.Inference;

namespace Identities.Benchmarks;

/// <summary>Command-line settings: the full run (default) or --quick, and optional overrides.</summary>
internal sealed class BenchSettings
{
    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Identities.Benchmarks -- [options]
          --quick            short smoke run (under a minute)
          --photos N         photos sampled from the shared set (default 20; quick 6)
          --reps N           timed repetitions over those photos (default 3; quick 1)
          --sections LIST    which sections to run, e.g. 1,3 (default 1,2,3,4,5)
          --provider P       cpu (default), auto or cuda
          --help             this text
        Environment: IDENTITIES_MODELS_DIR (default <repo>/models), IDENTITIES_FACES_DIR
        (default <repo>/../shared/faces/deepface).
        """;

    public bool Quick { get; private set; }

    public int Photos { get; private set; } = 20;

    public int Reps { get; private set; } = 3;

    public HashSet<int> Sections { get; private set; } = [1, 2, 3, 4, 5];

    public ExecutionProvider Provider { get; private set; } = ExecutionProvider.Cpu;

    public bool Help { get; private set; }

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

    public static BenchSettings Parse(string[] args)
    {
        var settings = new BenchSettings();
        int? photos = null, reps = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    settings.Quick = true;
                    break;
                case "--photos":
                    photos = PositiveInt(args, ++i);
                    break;
                case "--reps":
                    reps = PositiveInt(args, ++i);
                    break;
                case "--sections":
                    settings.Sections = [.. Value(args, ++i).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => ParseInt(s.Trim()))];
                    break;
                case "--provider":
                    settings.Provider = Value(args, ++i).ToUpperInvariant() switch
                    {
                        "CPU" => ExecutionProvider.Cpu,
                        "AUTO" => ExecutionProvider.Auto,
                        "CUDA" => ExecutionProvider.Cuda,
                        var other => throw new ArgumentException($"Unknown provider '{other}'."),
                    };
                    break;
                case "--help" or "-h":
                    settings.Help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }
        settings.Photos = photos ?? (settings.Quick ? 6 : 20);
        settings.Reps = reps ?? (settings.Quick ? 1 : 3);
        return settings;
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value.");

    private static int PositiveInt(string[] args, int index)
    {
        var value = ParseInt(Value(args, index));
        return value > 0 ? value : throw new ArgumentException($"{args[index - 1]} must be positive.");
    }

    private static int ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"'{text}' is not a number.");
}
