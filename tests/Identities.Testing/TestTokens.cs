using System.Security.Claims;
using System.Security.Cryptography;
using Identities.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Identities.Testing;

/// <summary>
/// The tests' stand-in for the gateway's signing key: one random key file per test process, and tokens signed
/// with it exactly as the gateway signs its own (issuer and audience "identities", HMAC-SHA256, permission claims).
/// </summary>
public static class TestTokens
{
    private static readonly Lazy<byte[]> Key = new(() => RandomNumberGenerator.GetBytes(32));
    private static readonly Lazy<string> KeyFile = new(() =>
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("identities-keys-").FullName, "jwt-signing.key");
        File.WriteAllBytes(path, Key.Value);
        return path;
    });

    /// <summary>The key file a worker is given as Authentication:SigningKeyPath.</summary>
    public static string KeyPath => KeyFile.Value;

    public static byte[] KeyBytes => Key.Value;

    /// <summary>A token with every permission: what the gateway forwards for an administrator.</summary>
    public static string Admin() => Issue(Permissions.All.ToArray());

    public static string Issue(params string[] permissions) => Issue(Key.Value, TimeSpan.FromMinutes(10), permissions);

    /// <summary>A token signed with any key and lifetime (a negative lifetime makes it already expired).</summary>
    public static string Issue(byte[] key, TimeSpan lifetime, params string[] permissions)
    {
        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, "test") };
        claims.AddRange(permissions.Select(p => new Claim("permission", p)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = "identities",
            Audience = "identities",
            IssuedAt = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now,
            NotBefore = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(5) : now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(JwtValidation.SymmetricKey(key), SecurityAlgorithms.HmacSha256),
        });
    }
}
