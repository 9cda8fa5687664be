using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Identities.ServiceDefaults.Telemetry;

/// <summary>
/// Who is reporting: service.name (OTEL_SERVICE_NAME, else "identities-" + the service), service.version (the
/// assembly's informational version) and service.instance.id (POD_NAME from the Kubernetes downward API, else
/// host name and process id).
/// </summary>
public sealed record ServiceIdentity(string Name, string Version, string InstanceId)
{
    public const string Namespace = "identities";

    public static ServiceIdentity For(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration["OTEL_SERVICE_NAME"];
        // "Identities.Detector" -> "identities-detector".
        var name = string.IsNullOrWhiteSpace(configured)
            ? builder.Environment.ApplicationName.Replace('.', '-').ToLowerInvariant()
            : configured;
        var assembly = LoadApplicationAssembly(builder.Environment.ApplicationName);
        var version = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly?.GetName().Version?.ToString()
            ?? "0.0.0";
        var pod = builder.Configuration["POD_NAME"];
        var instance = string.IsNullOrWhiteSpace(pod) ? $"{Environment.MachineName}-{Environment.ProcessId}" : pod;
        return new ServiceIdentity(name, version, instance);
    }

    private static Assembly? LoadApplicationAssembly(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (IOException)
        {
            return Assembly.GetEntryAssembly();
        }
    }
}
