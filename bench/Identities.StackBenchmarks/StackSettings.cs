using System.CommandLine;
using Identities.BenchCommon;

namespace Identities.StackBenchmarks;

/// <summary>Command-line options: where the stack is, how hard to drive it, and for how long.</summary>
internal sealed record StackSettings
{
    private static readonly Option<bool> QuickOption = new("--quick") { Description = "Short windows and small galleries (a smoke check; numbers are rough)" };
    private static readonly Option<Uri> GatewayOption = new("--url") { Description = "The gateway", DefaultValueFactory = _ => new Uri("https://127.0.0.1:5009") };
    private static readonly Option<Uri> DetectorOption = new("--detector") { Description = "The detector's gRPC address", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5101") };
    private static readonly Option<Uri> EmbedderOption = new("--embedder") { Description = "The embedder's gRPC address", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5102") };
    private static readonly Option<Uri> RegistryOption = new("--registry") { Description = "The registry's gRPC address", DefaultValueFactory = _ => new Uri("http://127.0.0.1:5103") };
    private static readonly Option<string> RedisOption = new("--redis") { Description = "The registry's Redis, HOST:PORT", DefaultValueFactory = _ => "127.0.0.1:6390" };
    private static readonly Option<int[]> ClientsOption = BenchCommandLine.IntList("--clients", "Concurrent clients per throughput row (default 1,4; quick 1,2)");
    private static readonly Option<double?> SecondsOption = new("--seconds") { Description = "Measured window per throughput row in seconds (default 20; quick 4)" };
    private static readonly Option<int[]> GalleriesOption = BenchCommandLine.IntList("--galleries", "Enrolled faces for the 1:N search rows (default 10000,100000; quick 1000,5000)");
    private static readonly Option<string?> JsonOption = new("--json") { Description = "Where to write the results as JSON (default var/bench/stack-<UTC time>.json)" };

    private static readonly RootCommand Command = new(
        "End-to-end benchmark: the running stack over HTTPS against the same work in one process. scripts/bench.sh starts a fresh " +
        "local stack, runs this and stops the stack; `dotnet run -c Release --project bench/Identities.StackBenchmarks -- [options]` runs it " +
        "against a running one. The admin password comes from IDENTITIES_ADMIN_PASSWORD, else $IDENTITIES_DATA_DIR/admin-password.")
    {
        QuickOption, GatewayOption, DetectorOption, EmbedderOption, RegistryOption, RedisOption, ClientsOption, SecondsOption, GalleriesOption, JsonOption,
    };

    public bool Quick { get; init; }

    public required Uri Gateway { get; init; }

    public required Uri Detector { get; init; }

    public required Uri Embedder { get; init; }

    public required Uri Registry { get; init; }

    public required string Redis { get; init; }

    public required IReadOnlyList<int> Clients { get; init; }

    public TimeSpan Window { get; init; }

    public TimeSpan Warmup => TimeSpan.FromSeconds(Quick ? 1 : 3);

    public required IReadOnlyList<int> Galleries { get; init; }

    public string? JsonPath { get; init; }

    /// <summary>Sequential calls per stage in the where-the-time-goes section.</summary>
    public int BreakdownCalls => Quick ? 20 : 120;

    /// <summary>Sequential searches per gallery size.</summary>
    public int SearchCalls => Quick ? 100 : 500;

    /// <summary>The settings, or null after help or an error was printed (<paramref name="exitCode"/> says how to end).</summary>
    public static StackSettings? Parse(string[] args, out int exitCode)
    {
        if (BenchCommandLine.Parse(Command, args, out exitCode) is not { } parsed)
        {
            return null;
        }
        var quick = parsed.GetValue(QuickOption);
        return new StackSettings
        {
            Quick = quick,
            Gateway = parsed.GetValue(GatewayOption)!,
            Detector = parsed.GetValue(DetectorOption)!,
            Embedder = parsed.GetValue(EmbedderOption)!,
            Registry = parsed.GetValue(RegistryOption)!,
            Redis = parsed.GetValue(RedisOption)!,
            Clients = BenchCommandLine.ListOr(parsed, ClientsOption, quick ? [1, 2] : [1, 4]),
            Window = TimeSpan.FromSeconds(parsed.GetValue(SecondsOption) ?? (quick ? 4 : 20)),
            Galleries = BenchCommandLine.ListOr(parsed, GalleriesOption, quick ? [1_000, 5_000] : [10_000, 100_000]),
            JsonPath = parsed.GetValue(JsonOption),
        };
    }
}
