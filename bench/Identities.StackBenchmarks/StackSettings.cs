using System.Globalization;

namespace Identities.StackBenchmarks;

/// <summary>Command-line options: where the stack is, how hard to drive it, and for how long.</summary>
internal sealed record StackSettings
{
    public const string Usage = """
        Usage: scripts/bench.sh [options]   (starts a fresh local stack, runs this, stops the stack)
           or: dotnet run -c Release --project bench/Identities.StackBenchmarks -- [options]   (against a running stack)
          --quick                 short windows and small galleries (a smoke check; numbers are rough)
          --url URL               gateway (default https://127.0.0.1:5009)
          --detector URL          detector gRPC (default http://127.0.0.1:5101)
          --embedder URL          embedder gRPC (default http://127.0.0.1:5102)
          --registry URL          registry gRPC (default http://127.0.0.1:5103)
          --redis HOST:PORT       the registry's Redis (default 127.0.0.1:6390)
          --clients LIST          concurrent clients per throughput row (default 1,4)
          --seconds N             measured window per throughput row (default 20)
          --galleries LIST        enrolled faces for the 1:N search rows (default 10000,100000)
          --json PATH             where to write the results as JSON (default var/bench/stack-<UTC time>.json)
        The admin password comes from IDENTITIES_ADMIN_PASSWORD, else $IDENTITIES_DATA_DIR/admin-password.
        """;

    public bool Quick { get; init; }

    public bool Help { get; init; }

    public Uri Gateway { get; init; } = new("https://127.0.0.1:5009");

    public Uri Detector { get; init; } = new("http://127.0.0.1:5101");

    public Uri Embedder { get; init; } = new("http://127.0.0.1:5102");

    public Uri Registry { get; init; } = new("http://127.0.0.1:5103");

    public string Redis { get; init; } = "127.0.0.1:6390";

    public IReadOnlyList<int> Clients { get; init; } = [1, 4];

    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan Warmup => TimeSpan.FromSeconds(Quick ? 1 : 3);

    public IReadOnlyList<int> Galleries { get; init; } = [10_000, 100_000];

    public string? JsonPath { get; init; }

    /// <summary>Sequential calls per stage in the where-the-time-goes section.</summary>
    public int BreakdownCalls => Quick ? 20 : 120;

    /// <summary>Sequential searches per gallery size.</summary>
    public int SearchCalls => Quick ? 100 : 500;

    public static StackSettings Parse(string[] args)
    {
        var settings = args.Contains("--quick")
            ? new StackSettings { Quick = true, Window = TimeSpan.FromSeconds(4), Galleries = [1_000, 5_000], Clients = [1, 2] }
            : new StackSettings();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            settings = args[i] switch
            {
                "--quick" => settings,
                "--help" or "-h" => settings with { Help = true },
                "--url" => settings with { Gateway = new Uri(Next()) },
                "--detector" => settings with { Detector = new Uri(Next()) },
                "--embedder" => settings with { Embedder = new Uri(Next()) },
                "--registry" => settings with { Registry = new Uri(Next()) },
                "--redis" => settings with { Redis = Next() },
                "--clients" => settings with { Clients = Ints(Next()) },
                "--seconds" => settings with { Window = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)) },
                "--galleries" => settings with { Galleries = Ints(Next()) },
                "--json" => settings with { JsonPath = Next() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'."),
            };
        }
        return settings;
    }

    private static int[] Ints(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture))];
}
