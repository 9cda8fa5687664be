namespace Identities.Gateway.OpenApi;

/// <summary>Declares an endpoint's problem responses, for the OpenAPI document (ProblemResponsesTransformer).</summary>
public static class ProblemEndpointExtensions
{
    public static TBuilder ProducesProblemCodes<TBuilder>(this TBuilder builder, int statusCode, params IReadOnlyList<string> codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodesMetadata(statusCode, codes));
}
