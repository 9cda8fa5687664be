using System.ComponentModel;

namespace Identities.Gateway.Auth;

/// <summary>permissions asks for a subset of the user's (least privilege); null means all of them. Username and
/// Password may still arrive null: the login answers missing_field.</summary>
public sealed record LoginRequest(
    [property: Description("The user name (at most 256 characters).")] string Username,
    [property: Description("The password (at most 1024 characters).")] string Password,
    [property: Description("Ask the token for these permissions only (least privilege); omitted, it carries all of the user's.")] IReadOnlyList<string>? Permissions = null);
