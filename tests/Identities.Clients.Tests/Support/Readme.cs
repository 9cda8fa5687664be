namespace Identities.Clients.Tests.Support;

/// <summary>Code blocks of the README, as a reader copies them.</summary>
public static class Readme
{
    /// <summary>The first ```language block after the heading.</summary>
    public static string Block(string heading, string language)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var at = text.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"README has no '{heading}'");
        var start = text.IndexOf($"```{language}\n", at, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no {language} block after '{heading}'");
        start += language.Length + 4;
        var end = text.IndexOf("```", start, StringComparison.Ordinal);
        return text[start..end];
    }
}
