namespace Identities.Clients.Tests.Packaging;

/// <summary>
/// A console project made with `dotnet new console` outside the repository (none of its build settings apply),
/// whose packages come only from a local folder feed: offline, and with its own package cache so a rebuilt
/// package of the same version is never taken stale from the machine's cache.
/// </summary>
public sealed class FreshConsoleProject : IDisposable
{
    private FreshConsoleProject(string root)
    {
        Root = root;
        Feed = System.IO.Directory.CreateDirectory(Path.Combine(root, "feed")).FullName;
        AppDirectory = System.IO.Directory.CreateDirectory(Path.Combine(root, "app")).FullName;
    }

    public string Root { get; }

    /// <summary>The local folder feed packages are packed into.</summary>
    public string Feed { get; }

    /// <summary>The console project's folder (its working directory when run).</summary>
    public string AppDirectory { get; }

    /// <summary>A fresh console project whose NuGet sources are the local feed and, for dependencies, the machine's package folder.</summary>
    public static async Task<FreshConsoleProject> CreateAsync()
    {
        var project = new FreshConsoleProject(System.IO.Directory.CreateTempSubdirectory("identities-package-").FullName);
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        await File.WriteAllTextAsync(Path.Combine(project.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(project.Root, "packages")}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{project.Feed}" />
                <add key="machine" value="{machinePackages}" />
              </packageSources>
            </configuration>
            """);
        (await project.DotnetAsync("new", "console", "--framework", "net10.0", "--no-restore")).AssertSuccess("dotnet new console");
        return project;
    }

    /// <summary>Packs a project of the repository into the feed.</summary>
    public async Task PackAsync(string projectPath) =>
        (await DotnetAsync("pack", projectPath, "-c", "Release", "-o", Feed, "--nologo", "-v", "q")).AssertSuccess($"dotnet pack {projectPath}");

    public Task<ProcessRunner.Result> DotnetAsync(params string[] arguments) => DotnetAsync(arguments, null);

    public Task<ProcessRunner.Result> DotnetAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment) =>
        ProcessRunner.RunAsync("dotnet", arguments, AppDirectory, new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        }, TimeSpan.FromMinutes(5));

    public void Dispose() => System.IO.Directory.Delete(Root, recursive: true);
}
