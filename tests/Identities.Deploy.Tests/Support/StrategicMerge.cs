using YamlDotNet.RepresentationModel;

namespace Identities.Deploy.Tests.Support;

/// <summary>
/// The part of Kubernetes' strategic merge patch that the overlays use: maps merge recursively, a null value
/// deletes a key, lists of containers, env, volumes, volume mounts and ports merge by their key (existing
/// items keep their place, new ones are appended), every other list is replaced, as are scalars.
/// </summary>
internal static class StrategicMerge
{
    public static void Apply(YamlMappingNode target, YamlMappingNode patch)
    {
        foreach (var (keyNode, value) in patch.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value!;
            if (value is YamlScalarNode { Style: not YamlDotNet.Core.ScalarStyle.SingleQuoted and not YamlDotNet.Core.ScalarStyle.DoubleQuoted } scalar
                && scalar.Value is "null" or "~" or "")
            {
                target.Children.Remove(keyNode);
                continue;
            }
            if (!target.Children.TryGetValue(keyNode, out var existing))
            {
                target.Children[keyNode] = Yaml.Clone(value);
            }
            else if (existing is YamlMappingNode existingMap && value is YamlMappingNode patchMap)
            {
                Apply(existingMap, patchMap);
            }
            else if (existing is YamlSequenceNode existingList && value is YamlSequenceNode patchList
                && MergeKey(key, patchList) is { } mergeKey)
            {
                MergeList(existingList, patchList, mergeKey);
            }
            else
            {
                target.Children[keyNode] = Yaml.Clone(value);
            }
        }
    }

    private static string? MergeKey(string field, YamlSequenceNode items) => field switch
    {
        "containers" or "initContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
        "volumeMounts" => "mountPath",
        "ports" when items.Children.OfType<YamlMappingNode>().Any(i => i.Children.ContainsKey("containerPort")) => "containerPort",
        "ports" => "port",
        _ => null,
    };

    /// <summary>
    /// As kustomize orders the result: the patch's items in the patch's order (merged into the target's item of the
    /// same key, or new), then the target's items the patch does not name, in their order.
    /// </summary>
    private static void MergeList(YamlSequenceNode target, YamlSequenceNode patch, string mergeKey)
    {
        var original = target.Children.OfType<YamlMappingNode>().ToList();
        var merged = new List<YamlNode>();
        foreach (var item in patch.Children.Cast<YamlMappingNode>())
        {
            var key = Yaml.Scalar(item, mergeKey) ?? throw new InvalidOperationException($"A patch list item has no '{mergeKey}'.");
            var match = original.FirstOrDefault(t => Yaml.Scalar(t, mergeKey) == key);
            if (match is null)
            {
                merged.Add(Yaml.Clone(item));
            }
            else
            {
                Apply(match, item);
                merged.Add(match);
                original.Remove(match);
            }
        }
        merged.AddRange(original);
        target.Children.Clear();
        merged.ForEach(target.Children.Add);
    }
}
