using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Identities.ServiceDefaults;

public static class ValidatedOptionsExtensions
{
    /// <summary>Binds a configuration section to options that are validated when the host starts.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(
        this IHostApplicationBuilder builder, string sectionName)
        where TOptions : class
    {
        return builder.Services.AddOptions<TOptions>()
            .BindConfiguration(sectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
