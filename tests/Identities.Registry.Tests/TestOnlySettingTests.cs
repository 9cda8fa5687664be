using Identities.Registry.Grpc;
using Identities.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Identities.Registry.Tests;

/// <summary>The test-only fault switch cannot be armed in a production environment.</summary>
public sealed class TestOnlySettingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData("Production", "FaultAfterEnrollmentStep", "3")]
    [InlineData("Staging", "FaultAfterEnrollmentStep", "3")]
    [InlineData("Production", "FaultCrashAfterEnrollmentPhase", "claim")]
    [InlineData("Production", "FaultDropConnectionAfterEnrollment", "true")]
    public void Start_FaultSettingOutsideDevelopmentOrTesting_RefusesToStart(string environment, string setting, string value)
    {
        using var factory = Factory(environment, "0", (setting, value));

        var error = Assert.Throws<OptionsValidationException>(() => factory.Services);

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.Contains(environment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", "0")]
    [InlineData("Testing", "3")]
    [InlineData("Development", "3")]
    public void Start_FaultSwitchOffOrInTestEnvironment_Starts(string environment, string faultStep)
    {
        using var factory = Factory(environment, faultStep);

        Assert.NotNull(factory.Services);
    }

    private WebApplicationFactoryWithEnvironment Factory(string environment, string faultStep, (string Setting, string Value)? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Registry:Redis"] = redis.Server.ConnectionString,
            ["Registry:FaultAfterEnrollmentStep"] = faultStep,
            ["Authentication:SigningKeyPath"] = TestTokens.KeyPath,
        };
        if (extra is { } fault)
        {
            settings["Registry:" + fault.Setting] = fault.Value;
        }
        return new(environment, settings);
    }

    private sealed class WebApplicationFactoryWithEnvironment(string environment, IReadOnlyDictionary<string, string?> settings)
        : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<RegistryService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
