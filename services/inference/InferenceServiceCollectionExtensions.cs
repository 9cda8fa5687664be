using Identities.ServiceDefaults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Identities.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>Session factory, warm-up on start, and a readiness check that waits for it.</summary>
    public static IHostApplicationBuilder AddInference(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<InferenceOptions>(InferenceOptions.SectionName);
        builder.Services.AddSingleton<InferenceMetrics>();
        builder.Services.AddSingleton<OnnxSessionFactory>();
        builder.Services.AddSingleton<ModelReadiness>();
        builder.Services.AddHostedService<ModelWarmupService>();
        builder.Services.AddHealthChecks()
            .AddCheck<ModelReadinessHealthCheck>("model", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return builder;
    }
}
