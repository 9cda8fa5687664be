namespace Identities.Clients.Tests.Support;

/// <summary>Where the test stack's gateway wrote its certificate as PEM (beside its .pfx).</summary>
public static class StackCertificate
{
    public static string CertificatePemPath(this StackFixture stack)
    {
        var path = Path.Combine(stack.DataDirectory, "tls", "gateway.pem");
        Assert.True(File.Exists(path), $"The gateway did not write {path}.");
        return path;
    }
}
