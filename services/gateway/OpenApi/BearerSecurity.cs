using Microsoft.OpenApi;

namespace Identities.Gateway.OpenApi;

/// <summary>The bearer (JWT) security scheme that POST /api/v1/auth/login issues tokens for.</summary>
public static class BearerSecurity
{
    public const string SchemeId = "bearer";

    public static OpenApiSecurityScheme Scheme() => new()
    {
        Type = SecuritySchemeType.Http,
        Scheme = "bearer",
        BearerFormat = "JWT",
        Description = "A token from POST /api/v1/auth/login (or the configured external issuer), sent as `Authorization: Bearer <token>`. Each endpoint names the permission the token must carry.",
    };

    public static void Require(OpenApiOperation operation, OpenApiDocument document, string permission)
    {
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, document)] = [] }];
        var requirement = $"Requires the `{permission}` permission.";
        operation.Description = string.IsNullOrEmpty(operation.Description) ? requirement : $"{operation.Description}\n\n{requirement}";
    }
}
