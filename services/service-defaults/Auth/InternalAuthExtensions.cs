using Identities.ServiceDefaults;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identities.ServiceDefaults.Auth;

public static class InternalAuthExtensions
{
    /// <summary>
    /// Workers: validate the bearer tokens the gateway forwards (JwtValidation, the gateway's settings) and authorize
    /// each gRPC method by permission (InternalAuthInterceptor). Call before the service's own AddGrpc, so the
    /// check runs before the service's interceptors.
    /// </summary>
    public static IHostApplicationBuilder AddInternalAuth(this IHostApplicationBuilder builder, MethodPermissions methods)
    {
        builder.AddValidatedOptions<InternalAuthOptions>(InternalAuthOptions.SectionName)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Authority) || File.Exists(SigningKeyPath(builder.Configuration, o)),
                "Authentication:SigningKeyPath must name the gateway's signing key file (or set Authentication:Authority); see docs/DEPLOY.md.");
        builder.Services.AddSingleton(methods);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<InternalAuthOptions>>((jwt, auth) =>
            {
                var settings = auth.Value;
                var key = string.IsNullOrWhiteSpace(settings.Authority)
                    ? JwtValidation.SymmetricKey(File.ReadAllBytes(SigningKeyPath(builder.Configuration, settings)))
                    : null;
                JwtValidation.Configure(jwt, settings, key);
            });
        builder.Services.AddAuthorization();
        builder.Services.AddGrpc(options => options.Interceptors.Add<InternalAuthInterceptor>());
        return builder;
    }

    /// <summary>A relative key path is under IDENTITIES_DATA_DIR (default ./var), where the gateway keeps its key.</summary>
    private static string SigningKeyPath(IConfiguration configuration, InternalAuthOptions options) =>
        Path.IsPathRooted(options.SigningKeyPath)
            ? options.SigningKeyPath
            : Path.Combine(configuration["IDENTITIES_DATA_DIR"] ?? "var", options.SigningKeyPath);
}
