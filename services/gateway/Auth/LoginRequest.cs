namespace Identities.Gateway.Auth;

/// <summary>permissions asks for a subset of the user's (least privilege); null means all of them.</summary>
public sealed record LoginRequest(string? Username, string? Password, IReadOnlyList<string>? Permissions);
