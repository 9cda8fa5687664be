namespace Identities.Client.Internal;

/// <summary>POST /api/v1/auth/login body.</summary>
internal sealed record LoginBody(string Username, string Password, IReadOnlyList<string>? Permissions);
