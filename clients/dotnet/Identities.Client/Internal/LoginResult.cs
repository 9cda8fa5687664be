namespace Identities.Client.Internal;

/// <summary>POST /api/v1/auth/login answer.</summary>
internal sealed record LoginResult(string Token, DateTimeOffset ExpiresAt);
