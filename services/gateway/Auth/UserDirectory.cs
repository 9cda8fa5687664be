using Identities.Gateway.Faces;
using Identities.ServiceDefaults.Auth;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Auth;

/// <summary>The configured users, plus an `admin` with every permission when IDENTITIES_ADMIN_PASSWORD is set.</summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, UserAccount> _users;

    public UserDirectory(IOptions<AuthOptions> options, IConfiguration configuration)
    {
        _users = options.Value.Users.ToDictionary(u => u.Username, StringComparer.Ordinal);
        if (configuration["IDENTITIES_ADMIN_PASSWORD"] is { Length: > 0 } adminPassword)
        {
            _users["admin"] = new UserAccount { Username = "admin", PasswordHash = PasswordHasher.Hash(adminPassword), Permissions = [.. Permissions.All] };
        }
    }

    /// <summary>The user when the password is right, else null (the same work either way).</summary>
    public UserAccount? Authenticate(string username, string password)
    {
        if (_users.TryGetValue(username, out var user))
        {
            return PasswordHasher.Verify(password, user.PasswordHash) ? user : null;
        }
        // Spend the same time on unknown users, so timing does not tell which names exist.
        PasswordHasher.Verify(password, DummyHash.Value);
        return null;
    }

    private static readonly Lazy<string> DummyHash = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString()));
}
