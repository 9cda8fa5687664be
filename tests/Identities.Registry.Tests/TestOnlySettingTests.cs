using Identities.Registry.Grpc;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Identities.Registry.Tests;

/// <summary>The test-only fault switch cannot be armed in a production environment.</summary>
public sealed class TestOnlySettingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_FaultAfterEnrollmentStepOutsideDevelopmentOrTesting_RefusesToStart(string environment)
    {
        using var factory = Factory(environment, "3");

        // The host does not start: the options validation fails (the exception type depends on when it is seen).
        var error = Assert.ThrowsAny<Exception>(() => factory.Services);

        Assert.IsNotType<Xunit.Sdk.XunitException>(error);
    }

    [Theory]
    [InlineData("Production", "FaultAfterEnrollmentStep", "3")]
    [InlineData("Staging", "FaultAfterEnrollmentStep", "3")]
    [InlineData("Production", "FaultCrashAfterEnrollmentPhase", "claim")]
    [InlineData("Production", "FaultDropConnectionAfterEnrollment", "true")]
    public void Validate_FaultSettingOutsideDevelopmentOrTesting_FailsNamingIt(string environment, string setting, string value)
    {
        var options = new RegistryOptions();
        typeof(RegistryOptions).GetProperty(setting)!.SetValue(options, Convert.ChangeType(value, typeof(RegistryOptions).GetProperty(setting)!.PropertyType, System.Globalization.CultureInfo.InvariantCulture));

        var result = new Validation.TestOnlyOptionsValidator(new Environment(environment)).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(environment, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public void Validate_FaultSettingInATestEnvironment_Succeeds(string environment)
    {
        var options = new RegistryOptions { FaultAfterEnrollmentStep = 3, FaultCrashAfterEnrollmentPhase = "claim", FaultDropConnectionAfterEnrollment = true };

        Assert.True(new Validation.TestOnlyOptionsValidator(new Environment(environment)).Validate(null, options).Succeeded);
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

    private sealed class Environment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Identities.Registry";

        public string ContentRootPath { get; set; } = "";

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
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
