namespace Identities.Gateway.Auth;

public sealed class UserAccount
{
    public string Username { get; set; } = "";

    /// <summary>pbkdf2-sha256$iterations$salt$hash (base64), as PasswordHasher.Hash writes it.</summary>
    public string PasswordHash { get; set; } = "";

    public List<string> Permissions { get; set; } = [];
}
