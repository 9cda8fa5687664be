using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Identities.Gateway.Tls;

/// <summary>
/// The HTTPS certificate when none is configured: self-signed for localhost and the machine's name,
/// created on first start under the data directory and reused. Its public part is also written as
/// gateway.pem beside gateway.pfx, for clients to trust (SSL_CERT_FILE, curl --cacert, the system store).
/// </summary>
public static class GatewayCertificate
{
    public static X509Certificate2 LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "tls", "gateway.pfx");
        if (!File.Exists(path))
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=Identities gateway", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddDnsName(Environment.MachineName);
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));
            PrivateFile.CreateOnce(path, certificate.Export(X509ContentType.Pfx));
        }
        var loaded = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        WritePublicPem(loaded, Path.ChangeExtension(path, ".pem"));
        return loaded;
    }

    /// <summary>The certificate alone (no key), as PEM; rewritten only when missing or different.</summary>
    private static void WritePublicPem(X509Certificate2 certificate, string path)
    {
        var pem = certificate.ExportCertificatePem() + "\n";
        if (File.Exists(path) && File.ReadAllText(path) == pem)
        {
            return;
        }
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, pem);
        File.Move(temporary, path, overwrite: true);
    }
}
