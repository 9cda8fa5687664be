using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Identities.Detector.V1;
using Identities.Embedder.V1;
using Identities.Gateway.Auth;
using Identities.Gateway.Faces;
using Identities.Gateway.Limits;
using Identities.Gateway.OpenApi;
using Identities.Gateway.Problems;
using Identities.Gateway.Tls;
using Identities.Gateway.WebConsole;
using Identities.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Identities.Gateway.Extensions;

public static class GatewayExtensions
{
    private const int MaxMessageBytes = 64 * 1024 * 1024;

    public static WebApplicationBuilder AddGateway(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayOptions>(GatewayOptions.SectionName);
        builder.AddGatewayAuth();
        builder.AddGatewayLimits();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddGatewayOpenApi();
        // Numbers are written as numbers (the OpenAPI schemas then say "number", not "number or string"). Request
        // bodies are read by JsonBody with its own options, so this changes no input handling.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<FaceRecognitionService>();
        builder.Services.AddHttpContextAccessor();

        var options = builder.Configuration.GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        // dns:/// addresses are looked up again this often, not only when a connection fails: pods an autoscaler
        // adds behind a headless Service start getting calls within one interval.
        builder.Services.AddSingleton<ResolverFactory>(
            new DnsResolverFactory(refreshInterval: TimeSpan.FromSeconds(options.DnsRefreshSeconds)));
        // Detect and Embed have no side effects: retried on UNAVAILABLE. Of the registry, only reads are.
        AddClient<FaceDetector.FaceDetectorClient>(builder, options.DetectorAddress, RetryAll());
        AddClient<FaceEmbedder.FaceEmbedderClient>(builder, options.EmbedderAddress, RetryAll());
        AddClient<Registry.V1.Registry.RegistryClient>(builder, options.RegistryAddress, RetryOnly(Registry.V1.Registry.Descriptor.FullName,
            "GetPerson", "ListPersons", "ListFaces", "Search", "SearchBatch", "CheckReference"));
        foreach (var (name, address) in new[] { ("detector", options.DetectorAddress), ("embedder", options.EmbedderAddress), ("registry", options.RegistryAddress) })
        {
            builder.Services.AddSingleton(sp => new DownstreamHealthClient(name, CreateChannel(sp, address)));
        }
        builder.Services.AddPersonsProxy(options.RegistryHttpAddress, TimeSpan.FromMilliseconds(options.RegistryTimeoutMilliseconds));
        builder.Services.AddHealthChecks().AddCheck<DownstreamHealthCheck>("downstream", tags: [ServiceDefaultsExtensions.ReadyTag]);

        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.ConfigureHttpsDefaults(https =>
                https.ServerCertificate ??= GatewayCertificate.LoadOrCreate(options.DataDirectory));
        });
        return builder;
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseGatewayForwardedHeaders();
        app.UseExceptionHandler();
        app.UseWebConsole();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapOpenApi();
        app.MapAuthApi();
        app.MapFacesApi();
        app.MapPersonsProxy();
        return app;
    }

    private static void AddClient<TClient>(WebApplicationBuilder builder, string address, MethodConfig retry)
        where TClient : ClientBase
    {
        builder.Services.AddGrpcClient<TClient>(o => o.Address = new Uri(address))
            .ConfigureChannel(channel =>
            {
                channel.MaxReceiveMessageSize = MaxMessageBytes;
                channel.MaxSendMessageSize = MaxMessageBytes;
                channel.ServiceConfig = new ServiceConfig { MethodConfigs = { retry } };
                ConfigureBalancing(channel, address);
                // In-cluster calls are plaintext (NetworkPolicies fence them; docs/DEPLOY.md); the token must travel anyway.
                channel.UnsafeUseInsecureChannelCallCredentials = true;
            })
            .AddCallCredentials(ForwardCallerToken);
    }

    /// <summary>The workers authorize the gateway's caller, not the gateway: every call carries the caller's bearer token.</summary>
    private static Task ForwardCallerToken(AuthInterceptorContext context, Metadata metadata, IServiceProvider services)
    {
        var authorization = services.GetRequiredService<IHttpContextAccessor>().HttpContext?.Request.Headers.Authorization.ToString();
        if (!string.IsNullOrEmpty(authorization))
        {
            metadata.Add("Authorization", authorization);
        }
        return Task.CompletedTask;
    }

    private static GrpcChannel CreateChannel(IServiceProvider services, string address)
    {
        var options = new GrpcChannelOptions { LoggerFactory = services.GetService<ILoggerFactory>(), ServiceConfig = new ServiceConfig(), ServiceProvider = services };
        ConfigureBalancing(options, address);
        return GrpcChannel.ForAddress(address, options);
    }

    /// <summary>dns:/// addresses: every pod behind a headless Service, calls spread round-robin (plaintext, in-cluster).</summary>
    private static void ConfigureBalancing(GrpcChannelOptions channel, string address)
    {
        if (address.StartsWith("dns:", StringComparison.OrdinalIgnoreCase))
        {
            channel.Credentials = ChannelCredentials.Insecure;
            channel.ServiceConfig ??= new ServiceConfig();
            channel.ServiceConfig.LoadBalancingConfigs.Add(new RoundRobinConfig());
        }
    }

    private static MethodConfig RetryAll() => WithRetry(new MethodConfig { Names = { MethodName.Default } });

    private static MethodConfig RetryOnly(string service, params string[] methods)
    {
        var config = new MethodConfig();
        foreach (var method in methods)
        {
            config.Names.Add(new MethodName { Service = service, Method = method });
        }
        return WithRetry(config);
    }

    private static MethodConfig WithRetry(MethodConfig config)
    {
        config.RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 3,
            InitialBackoff = TimeSpan.FromMilliseconds(100),
            MaxBackoff = TimeSpan.FromSeconds(1),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        };
        return config;
    }
}
