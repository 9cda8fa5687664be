using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Identities.Registry.Storage;

/// <summary>
/// The registry's one-off commands, run instead of the service: `dotnet Identities.Registry.dll migrate-layout
/// [--from &lt;old Redis configuration&gt;] [--delete-old]` with the registry's usual configuration (Registry__Redis,
/// Registry__KeyPrefix, Registry__Shards, index options). Parsed by System.CommandLine, as the benchmarks' options are.
/// </summary>
public static class RegistryCommands
{
    private const int UsageError = 2;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "migrate-layout";

    public static async Task<int> RunAsync(string[] args, RegistryOptions options, TextWriter log)
    {
        var from = new Option<string?>("--from") { Description = "StackExchange.Redis configuration of the Redis holding the old layout (default: Registry:Redis)." };
        var deleteOld = new Option<bool>("--delete-old") { Description = "Delete the old layout's keys once everything is copied." };
        var migrate = new Command("migrate-layout", "Copy data of the old key layout into the sharded one, keeping every id.") { from, deleteOld };
        var root = new RootCommand("Identities registry commands.") { migrate };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 || parsed.Action is not null)
        {
            // Wrong arguments print the error and the usage (exit 2); --help prints the usage (exit 0).
            var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = log, Error = log });
            return parsed.Errors.Count > 0 ? UsageError : code;
        }
        await using var connection = new RedisConnection(Options.Create(options));
        await connection.StartAsync(CancellationToken.None);
        return await new LayoutMigration(connection, options, log).RunAsync(parsed.GetValue(from), parsed.GetValue(deleteOld));
    }
}
