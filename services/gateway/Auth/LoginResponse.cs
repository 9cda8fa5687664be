namespace Identities.Gateway.Auth;

public sealed record LoginResponse(string Token, DateTimeOffset ExpiresAt, IReadOnlyList<string> Permissions);
