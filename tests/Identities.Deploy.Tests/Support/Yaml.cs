using YamlDotNet.RepresentationModel;

namespace Identities.Deploy.Tests.Support;

/// <summary>YAML documents as YamlDotNet's representation model, which keeps every scalar's style.</summary>
internal static class Yaml
{
    public static List<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        using var reader = new StringReader(text);
        stream.Load(reader);
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static string Write(IEnumerable<YamlMappingNode> documents)
    {
        var parts = new List<string>();
        foreach (var document in documents)
        {
            using var writer = new StringWriter();
            new YamlStream(new YamlDocument(Clone(document))).Save(writer, assignAnchors: false);
            var lines = writer.ToString().TrimEnd().Split('\n').ToList();
            while (lines.Count > 0 && lines[^1].Trim() is "..." or "")
            {
                lines.RemoveAt(lines.Count - 1);
            }
            parts.Add(string.Join('\n', lines));
        }
        return string.Join("\n---\n", parts) + "\n";
    }

    public static string? Scalar(YamlMappingNode map, params string[] path)
    {
        YamlNode? node = map;
        foreach (var key in path)
        {
            if (node is not YamlMappingNode current || !current.Children.TryGetValue(new YamlScalarNode(key), out node))
            {
                return null;
            }
        }
        return (node as YamlScalarNode)?.Value;
    }

    public static T Clone<T>(T node)
        where T : YamlNode => (T)CloneNode(node);

    private static YamlNode CloneNode(YamlNode node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                return new YamlScalarNode(scalar.Value) { Style = scalar.Style, Tag = scalar.Tag };
            case YamlSequenceNode sequence:
                var list = new YamlSequenceNode { Style = sequence.Style, Tag = sequence.Tag };
                foreach (var child in sequence.Children)
                {
                    list.Children.Add(CloneNode(child));
                }
                return list;
            case YamlMappingNode mapping:
                var map = new YamlMappingNode { Style = mapping.Style, Tag = mapping.Tag };
                foreach (var (key, value) in mapping.Children)
                {
                    map.Children.Add(CloneNode(key), CloneNode(value));
                }
                return map;
            default:
                throw new NotSupportedException($"YAML node {node.NodeType} (anchors and aliases are not used in deploy/).");
        }
    }
}
