using System.Security.Cryptography;
using Identities.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Identities.Gateway.Auth;

/// <summary>
/// The HMAC-SHA256 key the gateway signs its own tokens with: created on first start under the data
/// directory (owner-only), reused afterwards so tokens survive restarts.
/// </summary>
public sealed class SigningKeyStore(IOptions<GatewayOptions> options)
{
    private readonly Lazy<SymmetricSecurityKey> _key = new(() => LoadOrCreate(Path.Combine(options.Value.DataDirectory, "keys", "jwt-signing.key")));

    public SymmetricSecurityKey Key => _key.Value;

    private static SymmetricSecurityKey LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            PrivateFile.CreateOnce(path, RandomNumberGenerator.GetBytes(32));
        }
        return JwtValidation.SymmetricKey(File.ReadAllBytes(path));
    }
}
