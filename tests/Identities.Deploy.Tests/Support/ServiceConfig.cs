using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Identities.Deploy.Tests.Support;

/// <summary>What the services themselves say: appsettings.json, options classes, project files.</summary>
internal static partial class ServiceConfig
{
    public static readonly string[] Services = ["gateway", "registry", "detector", "embedder"];

    public static readonly string[] GpuWorkers = ["detector", "embedder"];

    public static JsonObject AppSettings(string service) =>
        JsonNode.Parse(Repo.Read("services", service, "appsettings.json"))!.AsObject();

    /// <summary>A gateway address: http://host:port, or dns:///host:port (a headless Service, balanced over its pods).</summary>
    public static (string Scheme, string Host, int Port) ParseAddress(string address)
    {
        if (address.StartsWith("dns:///", StringComparison.Ordinal))
        {
            var authority = new Uri("http://" + address["dns:///".Length..]);
            return ("dns", authority.Host, authority.Port);
        }
        var uri = new Uri(address);
        return (uri.Scheme, uri.Host, uri.Port);
    }

    /// <summary>Kestrel endpoints of appsettings.json: name → URL.</summary>
    public static Dictionary<string, Uri> KestrelEndpoints(string service)
    {
        var endpoints = AppSettings(service)["Kestrel"]?["Endpoints"]?.AsObject() ?? [];
        return endpoints.ToDictionary(e => e.Key, e => new Uri((string)e.Value!["Url"]!), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>A setting of appsettings.json by its environment-variable name (Section__Key), or null.</summary>
    public static JsonNode? Setting(string service, string environmentName)
    {
        JsonNode? node = AppSettings(service);
        foreach (var part in environmentName.Split("__"))
        {
            node = node is JsonObject o && o.FirstOrDefault(p => string.Equals(p.Key, part, StringComparison.OrdinalIgnoreCase)) is { Key: not null } hit
                ? hit.Value
                : null;
        }
        return node;
    }

    /// <summary>
    /// Option sections of every service (SectionName = "...") with their settable properties; an options class that
    /// extends one with a SectionName (class X : Base) binds the same section, with its own properties added.
    /// </summary>
    public static Dictionary<string, HashSet<string>> OptionSections()
    {
        var sections = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        var texts = Directory.EnumerateFiles(Repo.PathOf("services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var sectionOfClass = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            if (SectionName().Match(text) is { Success: true } section && ClassDeclaration().Match(text) is { Success: true } declaration)
            {
                sectionOfClass[declaration.Groups["name"].Value] = section.Groups[1].Value;
            }
        }
        foreach (var text in texts)
        {
            var declaration = ClassDeclaration().Match(text);
            if (!declaration.Success
                || !(sectionOfClass.TryGetValue(declaration.Groups["name"].Value, out var name) || sectionOfClass.TryGetValue(declaration.Groups["base"].Value, out name)))
            {
                continue;
            }
            if (!sections.TryGetValue(name, out var properties))
            {
                sections[name] = properties = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }
            foreach (Match property in SettableProperty().Matches(text))
            {
                properties.Add(property.Groups[1].Value);
            }
        }
        return sections;
    }

    /// <summary>The project directories (relative, '/'-separated) a service's project needs to build: itself and every project it references, transitively.</summary>
    public static SortedSet<string> ProjectClosure(string service)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Project(service)]);
        while (pending.TryPop(out var project))
        {
            var directory = Path.GetDirectoryName(project)!;
            if (!result.Add(Path.GetRelativePath(Repo.Root, directory).Replace('\\', '/')))
            {
                continue;
            }
            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
            }
        }
        return result;
    }

    public static string Project(string service) =>
        Directory.EnumerateFiles(Repo.PathOf("services", service), "*.csproj").Single();

    public static IEnumerable<string> PackageReferences(string service) =>
        XDocument.Load(Project(service)).Descendants("PackageReference").Select(p => p.Attribute("Include")!.Value);

    public static bool IsAllInterfaces(Uri url) => url.Host is "0.0.0.0" or "+" or "*" or "[::]";

    [GeneratedRegex(@"const\s+string\s+SectionName\s*=\s*""([^""]+)""")]
    private static partial Regex SectionName();

    [GeneratedRegex(@"(?:public|internal)\s+(?:(?:sealed|abstract|static|partial)\s+)*class\s+(?<name>\w+)(?:\s*:\s*(?<base>\w+))?")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"public\s+(?!static|const)[\w<>\[\]?,. ]+?\s+(\w+)\s*\{\s*get;\s*set;\s*\}")]
    private static partial Regex SettableProperty();
}
