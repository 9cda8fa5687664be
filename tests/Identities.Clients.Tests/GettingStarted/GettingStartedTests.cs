namespace Identities.Clients.Tests.GettingStarted;

/// <summary>
/// What a new user pastes into a fresh shell (no variable of ours set): run.sh's closing hint and the README's
/// first example, against the real stack; and curl trusting the gateway through SSL_CERT_FILE, without -k.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class GettingStartedTests(StackFixture stack)
{
    private string GatewayUrl => stack.GatewayAddress.ToString().TrimEnd('/');

    [SkippableFact]
    public async Task RunShHint_PastedIntoAFreshShell_GetsATokenAndDetects()
    {
        SharedFaces.SkipIfMissing();
        using var user = UserFolder.Create(stack);
        var hint = await ProcessRunner.RunAsync("bash", [Path.Combine(RepositoryPaths.Root, "scripts", "hint.sh"), GatewayUrl, user.DataDirectory], user.Path);
        hint.AssertSuccess("scripts/hint.sh");

        var lines = hint.Output.Split('\n');
        var from = Array.FindIndex(lines, l => l.Contains("In a new shell", StringComparison.Ordinal)) + 1;
        var to = Array.FindIndex(lines, l => l.Contains("Ctrl-C stops", StringComparison.Ordinal));
        var pasted = string.Join('\n', lines[from..to].Select(l => l.StartsWith("    ", StringComparison.Ordinal) ? l[4..] : l));
        Assert.DoesNotContain("-k", pasted, StringComparison.Ordinal);

        var result = await RunInFreshShellAsync(pasted + "\necho \"token length ${#TOKEN}\"\n", user.Path);
        Assert.Contains("\"detections\": [", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"token length [1-9]\d\d", result.Output);
    }

    [SkippableFact]
    public async Task ReadmeFirstExample_PastedIntoAFreshShell_EnrollsDetectsComparesAndChecks()
    {
        SharedFaces.SkipIfMissing();
        await ReferenceReset.RemoveAsync(stack, "ext-123");
        using var user = UserFolder.Create(stack);
        var block = Readme.Block("### The contract's examples against the local stack", "bash")
            .Replace("API_URL=\"https://127.0.0.1:5009\"", $"API_URL=\"{GatewayUrl}\"", StringComparison.Ordinal);
        Assert.Contains(GatewayUrl, block, StringComparison.Ordinal);

        var result = await RunInFreshShellAsync(block, user.Path);
        Assert.Matches("\"personId\": \"[0-9a-f-]{36}\"", result.Output);
        Assert.Contains("\"detections\": [", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"match\": true", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"exists\": true", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\"code\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curl_WithSslCertFileOnTheGatewayPem_VerifiesWithoutK()
    {
        var url = $"{GatewayUrl}/health/live";
        // A clean environment, as a user's shell has: curl prefers CURL_CA_BUNDLE to SSL_CERT_FILE when both are set.
        var trusted = await ProcessRunner.RunAsync("curl", ["-sS", "--fail", "-o", "/dev/null", "-w", "%{http_code}", url], Path.GetTempPath(),
            new Dictionary<string, string?> { ["SSL_CERT_FILE"] = stack.CertificatePemPath() }, cleanEnvironment: true);
        trusted.AssertSuccess("curl with SSL_CERT_FILE");
        Assert.Contains("200", trusted.Output, StringComparison.Ordinal);

        // Without it the self-signed certificate is refused: the trust above is what made the difference.
        var untrusted = await ProcessRunner.RunAsync("curl", ["-sS", "--fail", "-o", "/dev/null", url], Path.GetTempPath(), cleanEnvironment: true);
        Assert.NotEqual(0, untrusted.ExitCode);
    }

    private static async Task<ProcessRunner.Result> RunInFreshShellAsync(string script, string folder)
    {
        var path = Path.Combine(folder, "pasted.sh");
        await File.WriteAllTextAsync(path, script);
        var result = await ProcessRunner.RunAsync("bash", ["--noprofile", "--norc", path], folder, cleanEnvironment: true, timeout: TimeSpan.FromMinutes(3));
        return result.AssertSuccess("the pasted commands");
    }
}
