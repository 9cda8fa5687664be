namespace Identities.Gateway.Auth;

/// <summary>permissions asks for a subset of the user's (least privilege); null means all of them. Username and
/// Password may still arrive null: the login answers missing_field.</summary>
public sealed record LoginRequest(string Username, string Password, IReadOnlyList<string>? Permissions = null);
