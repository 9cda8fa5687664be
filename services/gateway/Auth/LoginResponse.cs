using System.ComponentModel;

namespace Identities.Gateway.Auth;

public sealed record LoginResponse(
    [property: Description("The JWT, sent as Authorization: Bearer <token>.")] string Token,
    [property: Description("When the token stops being accepted.")] DateTimeOffset ExpiresAt,
    [property: Description("The permissions the token carries.")] IReadOnlyList<string> Permissions);
