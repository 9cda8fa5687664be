namespace Identities.Deploy.Tests.Support;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string K8s { get; } = Path.Combine(Root, "deploy", "k8s");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Identities.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Identities.sln not found above the test binaries.");
    }
}
