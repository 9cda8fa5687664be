using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Identities.BenchCommon;

/// <summary>
/// The benchmarks' one option parser, System.CommandLine: every bench's Program.cs parses through here, so --help
/// and wrong arguments behave alike (help on stdout with exit code 0; the error and help with a non-zero code).
/// </summary>
public static class BenchCommandLine
{
    /// <summary>
    /// The parse result to read values from, or null when the arguments asked for help or were wrong: that has then
    /// been printed and <paramref name="exitCode"/> is what the program returns.
    /// </summary>
    public static ParseResult? Parse(RootCommand command, string[] args, out int exitCode)
    {
        var result = command.Parse(args);
        if (result.Errors.Count == 0 && result.Action is null)
        {
            exitCode = 0;
            return result;
        }
        exitCode = result.Invoke();
        return null;
    }

    /// <summary>
    /// An option taking a comma-separated list of whole numbers ("1,4" or "10000,100000"). Read it with <see cref="ListOr"/>:
    /// an absent option reads as an empty list, and a given one is never empty.
    /// </summary>
    public static Option<int[]> IntList(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = ParseInts,
    };

    private static int[] ParseInts(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return [];
        }
        var text = result.Tokens[0].Value;
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                result.AddError($"'{text}' is not a comma-separated list of positive whole numbers.");
                return [];
            }
            values.Add(value);
        }
        if (values.Count == 0)
        {
            result.AddError($"{result.Argument.Name} needs at least one number.");
        }
        return [.. values];
    }

    /// <summary>The list given on the command line, else <paramref name="fallback"/>.</summary>
    public static int[] ListOr(ParseResult parsed, Option<int[]> option, int[] fallback) =>
        parsed.GetValue(option) is { Length: > 0 } given ? given : fallback;
}
