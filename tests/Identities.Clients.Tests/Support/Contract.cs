namespace Identities.Clients.Tests.Support;

/// <summary>The REST contract (../shared/contract/face-recognition-api.txt): its code examples, verbatim.</summary>
public static class Contract
{
    public static string Path => System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryPaths.Root, "..", "shared", "contract", "face-recognition-api.txt"));

    public static void SkipIfMissing() => Skip.IfNot(File.Exists(Path), $"The contract is not at {Path}.");

    /// <summary>The C# sample: from its using line to the reference check's output line.</summary>
    public static string CSharpSample() => Between("using eConnect.IdentitiesDbSdk;", "Console.WriteLine($\"exists={check.Exists}\");");

    /// <summary>The PowerShell examples: from `$API_URL = ` to the reference check.</summary>
    public static string PowerShellExamples() => Between("$API_URL = ", "Invoke-RestMethod -Uri \"$API_URL/api/v1/faces/checkImageReference/ext-123\" -Method Get -Headers $headers");

    private static string Between(string first, string last)
    {
        var text = File.ReadAllText(Path);
        var start = text.IndexOf(first, StringComparison.Ordinal);
        var end = text.IndexOf(last, start, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, $"'{first}' .. '{last}' not found in the contract");
        return text[start..(end + last.Length)] + "\n";
    }
}
