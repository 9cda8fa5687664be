using Identities.Registry.Grpc;
using Identities.Registry.Storage;
using Identities.Registry.Validation;
using Identities.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Identities.Registry.Extensions;

public static class RegistryExtensions
{
    /// <summary>A SearchBatch of 256 vectors of 4096 floats, with room to spare.</summary>
    private const int MaxMessageBytes = 8 * 1024 * 1024;

    public static IHostApplicationBuilder AddRegistry(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<RegistryOptions>(RegistryOptions.SectionName);
        builder.Services.AddSingleton<IValidateOptions<RegistryOptions>, TestOnlyOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RegistryMetrics>();
        builder.Services.AddHostedService<ShardSizeSampler>();
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<RedisConnection>());
        builder.Services.AddHostedService<ShardSizes>();
        builder.Services.AddSingleton<DataLayout>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DataLayout>());
        builder.Services.AddSingleton<AofDurability>();
        builder.Services.AddSingleton<ModelDimensions>();
        builder.Services.AddSingleton<ReferenceStore>();
        builder.Services.AddSingleton<Deletions>();
        builder.Services.AddSingleton<PersonStore>();
        builder.Services.AddSingleton<FaceStore>();
        builder.Services.AddSingleton<VectorSearch>();
        builder.Services.AddSingleton<ErasureCompaction>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ErasureCompaction>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [ServiceDefaultsExtensions.ReadyTag]);
        builder.AddWorkerGrpc(RegistryAccess.Methods, options =>
        {
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.Interceptors.Add<RegistryExceptionInterceptor>();
            options.Interceptors.Add<ErasureInterceptor>();
        }).AddJsonTranscoding(options =>
            // Error details (reason, field) must be serialisable in JSON answers too.
            options.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.BadRequest.Descriptor));
        return builder;
    }

    public static WebApplication MapRegistry(this WebApplication app)
    {
        app.MapGrpcService<RegistryService>();
        return app;
    }
}
