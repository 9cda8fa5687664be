using Identities.Testing;

namespace Identities.Deploy.Tests.Support;

/// <summary>Paths in the repository the tests run from (its root as every test project finds it: RepositoryPaths).</summary>
internal static class Repo
{
    public static string Root => RepositoryPaths.Root;

    public static string K8s { get; } = Path.Combine(Root, "deploy", "k8s");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));
}
