using System.Text.Json;
using System.Text.RegularExpressions;

namespace Identities.Deploy.Tests.Support;

/// <summary>A Dockerfile read into stages and instructions (continuations joined, comments dropped).</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<Stage> stages)
    {
        Path = path;
        Stages = stages;
    }

    public string Path { get; }

    public IReadOnlyList<Stage> Stages { get; }

    public Stage Final => Stages[^1];

    public Stage this[string name] =>
        Stages.SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"{Path}: no stage named {name}.");

    public static Dockerfile Load(string path)
    {
        var stages = new List<Stage>();
        var text = File.ReadAllText(path);
        var logical = new List<string>();
        var current = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }
            current += line;
            if (current.Trim().Length > 0)
            {
                logical.Add(current.Trim());
            }
            current = "";
        }
        foreach (var line in logical)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var match = FromPattern().Match(arguments);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"{path}: cannot read FROM {arguments}");
                }
                stages.Add(new Stage(match.Groups["image"].Value, match.Groups["name"].Success ? match.Groups["name"].Value : null));
            }
            else if (stages.Count == 0)
            {
                if (keyword != "ARG")
                {
                    throw new InvalidOperationException($"{path}: {keyword} before the first FROM");
                }
            }
            else
            {
                stages[^1].Instructions.Add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(path, stages);
    }

    [GeneratedRegex(@"^(--platform=\S+\s+)?(?<image>\S+)(\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();

    internal sealed record Instruction(string Keyword, string Arguments);

    internal sealed partial class Stage(string image, string? name)
    {
        public string Image { get; } = image;

        public string? Name { get; } = name;

        public List<Instruction> Instructions { get; } = [];

        public IEnumerable<string> Arguments(string keyword) =>
            Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

        /// <summary>ENV KEY=VALUE pairs of this stage, in order (values unquoted; an empty value stays empty).</summary>
        public Dictionary<string, string> Env
        {
            get
            {
                var env = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var arguments in Arguments("ENV"))
                {
                    foreach (Match pair in EnvPair().Matches(arguments))
                    {
                        env[pair.Groups["key"].Value] = pair.Groups["value"].Value.Trim('"');
                    }
                }
                return env;
            }
        }

        public IEnumerable<int> ExposedPorts =>
            Arguments("EXPOSE").SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Select(p => int.Parse(p.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));

        public string? User => Arguments("USER").LastOrDefault();

        public string[] Entrypoint =>
            Arguments("ENTRYPOINT").LastOrDefault() is { } entrypoint
                ? JsonSerializer.Deserialize<string[]>(entrypoint) ?? []
                : [];

        /// <summary>COPY instructions: options (--from=...), sources, destination.</summary>
        public IEnumerable<(Dictionary<string, string> Options, string[] Sources, string Destination)> Copies =>
            Arguments("COPY").Select(a =>
            {
                var words = a.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                var options = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))
                    .Select(w => w[2..].Split('=', 2)).ToDictionary(o => o[0], o => o.Length > 1 ? o[1] : "", StringComparer.Ordinal);
                var rest = words.Skip(options.Count).ToArray();
                return (options, rest[..^1], rest[^1]);
            });

        [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>""[^""]*""|\S*)")]
        private static partial Regex EnvPair();
    }
}
