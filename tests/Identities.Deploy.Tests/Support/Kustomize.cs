using YamlDotNet.RepresentationModel;

namespace Identities.Deploy.Tests.Support;

/// <summary>
/// Enough of kustomize to render deploy/k8s without a kustomize binary: a kustomization's `resources` (files,
/// or directories with their own kustomization.yaml) and `patches` given by `path` (strategic merge patches
/// whose kind, name and namespace pick the target). Any other field fails the render, so that a manifest
/// change that needs more of kustomize is noticed here rather than silently mis-rendered; where kubectl is
/// installed, <c>KustomizeTests</c> compares this output with `kubectl kustomize`.
/// </summary>
internal static class Kustomize
{
    private static readonly HashSet<string> SupportedFields = ["apiVersion", "kind", "resources", "patches"];

    public static List<YamlMappingNode> Render(string directory)
    {
        var file = Path.Combine(directory, "kustomization.yaml");
        var kustomization = Yaml.Documents(File.ReadAllText(file)).Single();
        foreach (var key in kustomization.Children.Keys.Cast<YamlScalarNode>())
        {
            if (!SupportedFields.Contains(key.Value!))
            {
                throw new NotSupportedException($"{file}: '{key.Value}' is not rendered by the tests' kustomize (only {string.Join(", ", SupportedFields)}).");
            }
        }

        var resources = new List<YamlMappingNode>();
        foreach (var entry in Entries(kustomization, "resources"))
        {
            var path = Path.GetFullPath(Path.Combine(directory, ((YamlScalarNode)entry).Value!));
            var added = Directory.Exists(path) ? Render(path) : Yaml.Documents(File.ReadAllText(path));
            foreach (var resource in added)
            {
                if (resources.Any(r => Id(r) == Id(resource)))
                {
                    throw new InvalidOperationException($"{file}: {Id(resource)} is defined twice.");
                }
                resources.Add(resource);
            }
        }

        foreach (var entry in Entries(kustomization, "patches").Cast<YamlMappingNode>())
        {
            if (entry.Children.Count != 1 || Yaml.Scalar(entry, "path") is not { } patchPath)
            {
                throw new NotSupportedException($"{file}: only patches with a path (and no target) are rendered by the tests.");
            }
            foreach (var patch in Yaml.Documents(File.ReadAllText(Path.Combine(directory, patchPath))))
            {
                var targets = resources.Where(r => Matches(r, patch)).ToList();
                if (targets.Count != 1)
                {
                    throw new InvalidOperationException($"{file}: patch {patchPath} matches {targets.Count} resources, not one.");
                }
                StrategicMerge.Apply(targets[0], patch);
            }
        }
        return resources;
    }

    public static string Id(YamlMappingNode resource) =>
        $"{Yaml.Scalar(resource, "kind")}/{Yaml.Scalar(resource, "metadata", "namespace")}/{Yaml.Scalar(resource, "metadata", "name")}";

    private static bool Matches(YamlMappingNode resource, YamlMappingNode patch) =>
        Yaml.Scalar(resource, "kind") == Yaml.Scalar(patch, "kind")
        && Group(Yaml.Scalar(resource, "apiVersion")) == Group(Yaml.Scalar(patch, "apiVersion"))
        && Yaml.Scalar(resource, "metadata", "name") == Yaml.Scalar(patch, "metadata", "name")
        && (Yaml.Scalar(patch, "metadata", "namespace") is not { } ns || ns == Yaml.Scalar(resource, "metadata", "namespace"));

    private static string Group(string? apiVersion) =>
        apiVersion is null ? "" : apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    private static IEnumerable<YamlNode> Entries(YamlMappingNode kustomization, string field) =>
        kustomization.Children.TryGetValue(new YamlScalarNode(field), out var node) ? ((YamlSequenceNode)node).Children : [];
}
