using System.Diagnostics;

namespace Identities.Testing;

/// <summary>Runs scripts/redis.sh, and the redis-server or redis-cli it provides.</summary>
public static class RedisScript
{
    private static readonly Lazy<string> Bin = new(() => Run(new Dictionary<string, string>(), ["path"]).GetAwaiter().GetResult().Trim());

    /// <summary>The folder `scripts/redis.sh path` names (it installs Redis 8 if needed).</summary>
    public static string BinDirectory => Bin.Value;

    public static Task<string> RunAsync(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments) =>
        Run(environment, arguments);

    public static Task<string> RunProgramAsync(string program, IReadOnlyList<string> arguments) =>
        Start(Path.Combine(BinDirectory, program), arguments, new Dictionary<string, string>());

    private static Task<string> Run(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments) =>
        Start("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "redis.sh"), .. arguments], environment);

    private static async Task<string> Start(string file, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        }
        return await output;
    }
}
