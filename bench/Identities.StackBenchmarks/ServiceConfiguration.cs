using Microsoft.Extensions.Configuration;

namespace Identities.StackBenchmarks;

/// <summary>
/// A service's options as the service itself reads them: its appsettings.json, then environment variables
/// (Section__Name), so the in-process pipeline runs with the workers' configuration, not the classes' defaults.
/// </summary>
internal static class ServiceConfiguration
{
    public static T Bind<T>(string service, string section)
        where T : new()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(RepositoryPaths.Root, "services", service, "appsettings.json"), optional: false)
            .AddEnvironmentVariables()
            .Build();
        var options = new T();
        configuration.GetSection(section).Bind(options);
        return options;
    }
}
