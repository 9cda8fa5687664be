using System.Diagnostics;
using Identities.Testing;

namespace Identities.Pipeline.Tests.Support;

/// <summary>A worker's own build output started as its own process, as in production, on free ports.</summary>
internal static class WorkerProcess
{
    public static ProcessStartInfo StartInfo(string folder, string assembly, string executionProvider)
    {
        var output = ServiceOutput(folder);
        return new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(output, assembly + ".dll"),
                "--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:0",
                "--Kestrel:Endpoints:Http:Url=http://127.0.0.1:0",
                "--Inference:ExecutionProvider=" + executionProvider,
                "--Inference:ModelsDirectory=" + RepositoryPaths.Models,
                // Workers refuse to start without the key that checks the gateway's tokens.
                "--Authentication:SigningKeyPath=" + TestTokens.KeyPath,
            },
        };
    }

    /// <summary>The worker's own build output, in the configuration these tests were built in.</summary>
    private static string ServiceOutput(string folder)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(RepositoryPaths.Root, "services", folder, "bin", configuration, "net10.0");
    }
}
