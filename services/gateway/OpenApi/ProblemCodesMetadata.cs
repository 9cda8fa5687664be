namespace Identities.Gateway.OpenApi;

/// <summary>Endpoint metadata: the problem+json <c>code</c> values an endpoint answers with one HTTP status.</summary>
public sealed record ProblemCodesMetadata(int StatusCode, IReadOnlyList<string> Codes);
