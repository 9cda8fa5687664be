namespace Identities.Clients.Tests.Support;

/// <summary>
/// The pinned tools of the client checks (scripts/tools.sh): buf and Redocly CLI from npm under .cache/tools,
/// PowerShell 7 as a .NET global tool. Missing ones are installed through that script; where npm (or
/// PowerShell) cannot be had, the tests that need them are skipped with the reason.
/// </summary>
public static class Tools
{
    private static readonly Lazy<Task> Installed = new(() =>
        ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "tools.sh")], RepositoryPaths.Root, timeout: TimeSpan.FromMinutes(5)));

    public static string Buf => Path.Combine(RepositoryPaths.Root, ".cache", "tools", "node_modules", ".bin", "buf");

    public static string Redocly => Path.Combine(RepositoryPaths.Root, ".cache", "tools", "node_modules", ".bin", "redocly");

    /// <summary>pwsh on PATH, else where `dotnet tool install --global` puts it.</summary>
    public static string? PowerShell =>
        OnPath("pwsh") ?? (File.Exists(GlobalToolPwsh) ? GlobalToolPwsh : null);

    private static string GlobalToolPwsh => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "pwsh");

    /// <summary>The npm tool's path, installed first when missing; skips the test when npm is absent.</summary>
    public static async Task<string> RequireNpmToolAsync(string path)
    {
        if (!File.Exists(path))
        {
            Skip.If(OnPath("npm") is null, $"npm is not installed, so {Path.GetFileName(path)} (scripts/tools.sh) cannot be.");
            await Installed.Value;
        }
        Assert.True(File.Exists(path), $"{path} is missing after scripts/tools.sh.");
        return path;
    }

    public static async Task<string> RequirePowerShellAsync()
    {
        if (PowerShell is null)
        {
            await Installed.Value;
        }
        Skip.If(PowerShell is null, "PowerShell 7 (pwsh) is not installed and `dotnet tool install --global PowerShell --version 7.6.9` failed.");
        return PowerShell!;
    }

    public static string? OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
