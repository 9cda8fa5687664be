namespace Identities.Clients.Tests.PowerShell;

/// <summary>
/// The contract's PowerShell examples, verbatim, under PowerShell 7 against the real stack, trusting the
/// gateway's certificate through SSL_CERT_FILE (no certificate check is skipped). Their $API_URL and $TOKEN come
/// from the README's PowerShell block, which the test runs first.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class PowerShellExamplesTests(StackFixture stack)
{
    [SkippableFact]
    public async Task ContractExamples_UnderPowerShell7_EnrollDetectCompareAndCheck()
    {
        SharedFaces.SkipIfMissing();
        Contract.SkipIfMissing();
        var pwsh = await Tools.RequirePowerShellAsync();
        await ReferenceReset.RemoveAsync(stack, "ext-123");
        using var user = UserFolder.Create(stack);

        var url = stack.GatewayAddress.ToString().TrimEnd('/');
        var login = Readme.Block("### PowerShell", "powershell").Replace("$API_URL = \"https://127.0.0.1:5009\"", $"$API_URL = \"{url}\"", StringComparison.Ordinal);
        Assert.Contains(url, login, StringComparison.Ordinal);
        // The contract's examples from `$headers = ...` on: its first two lines are the placeholders the README's block fills.
        var examples = Contract.PowerShellExamples();
        examples = examples[examples.IndexOf("$headers = ", StringComparison.Ordinal)..];
        var script = Path.Combine(user.Path, "examples.ps1");
        await File.WriteAllTextAsync(script, login + examples);
        // The harness around it: stop at the first error, and show each answer as JSON (PowerShell would format
        // every answer with the first one's table columns).
        var harness = Path.Combine(user.Path, "harness.ps1");
        await File.WriteAllTextAsync(harness, "$ErrorActionPreference = 'Stop'\n& ./examples.ps1 | ForEach-Object { $_ | ConvertTo-Json -Depth 6 -Compress }\n'DONE'\n");

        var result = await ProcessRunner.RunAsync(pwsh, ["-NoProfile", "-NonInteractive", "-File", harness], user.Path,
            new Dictionary<string, string?> { ["SSL_CERT_FILE"] = stack.CertificatePemPath(), ["POWERSHELL_TELEMETRY_OPTOUT"] = "1" },
            TimeSpan.FromMinutes(3));
        result.AssertSuccess("the contract's PowerShell examples");
        Assert.Matches("\\{\"personId\":\"[0-9a-f-]{36}\",\"faceId\":", result.Output);
        Assert.Matches("\\{\"detections\":\\[\\{\"faceId\":", result.Output);
        Assert.Contains("{\"match\":true,", result.Output, StringComparison.Ordinal);
        Assert.Contains("{\"exists\":true,", result.Output, StringComparison.Ordinal);
        Assert.Contains("DONE", result.Output, StringComparison.Ordinal);
    }
}
