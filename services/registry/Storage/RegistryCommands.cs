using Microsoft.Extensions.Options;

namespace Identities.Registry.Storage;

/// <summary>
/// The registry's one-off commands, run instead of the service: `dotnet Identities.Registry.dll migrate-layout
/// [--from &lt;old Redis configuration&gt;] [--delete-old]` with the registry's usual configuration (Registry__Redis,
/// Registry__KeyPrefix, Registry__Shards, index options).
/// </summary>
public static class RegistryCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "migrate-layout";

    public static async Task<int> RunAsync(string[] args, RegistryOptions options, TextWriter log)
    {
        string? from = null;
        var deleteOld = false;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--from" when i + 1 < args.Length:
                    from = args[++i];
                    break;
                case "--delete-old":
                    deleteOld = true;
                    break;
                default:
                    log.WriteLine($"migrate-layout: unknown argument '{args[i]}'. Usage: migrate-layout [--from <old Redis configuration>] [--delete-old]");
                    return 2;
            }
        }
        await using var connection = new RedisConnection(Options.Create(options));
        await connection.StartAsync(CancellationToken.None);
        return await new LayoutMigration(connection, options, log).RunAsync(from, deleteOld);
    }
}
