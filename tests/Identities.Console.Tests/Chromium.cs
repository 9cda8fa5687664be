namespace Identities.Console.Tests;

/// <summary>
/// Debian's chromium (scripts/bootstrap.sh installs it); Playwright's own browser download does not work
/// here. Where it is missing the browser tests are skipped with the reason.
/// </summary>
public static class Chromium
{
    public static string ExecutablePath { get; } =
        Environment.GetEnvironmentVariable("IDENTITIES_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Available => File.Exists(ExecutablePath);

    public static string SkipReason =>
        $"Chromium not found at {ExecutablePath}; run scripts/bootstrap.sh (Debian package chromium) or set IDENTITIES_CHROMIUM.";

    public static void SkipIfMissing() => Skip.IfNot(Available, SkipReason);
}
