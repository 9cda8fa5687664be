namespace Identities.Gateway.OpenApi;

/// <summary>The OpenAPI document at /openapi/v1.json (committed as docs/openapi.json; a test keeps them equal).</summary>
public static class GatewayOpenApiExtensions
{
    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<DocumentInfoTransformer>();
            options.AddDocumentTransformer<PersonManagementTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
        });
}
