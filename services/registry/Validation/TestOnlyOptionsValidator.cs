using Microsoft.Extensions.Options;

namespace Identities.Registry.Validation;

/// <summary>
/// Refuses to start with a test-only fault (any Registry:Fault* setting) switched on outside Development or Testing:
/// an injected enrollment fault in production would fail enrollments, and nobody should be able to arm it there by
/// configuration.
/// </summary>
public sealed class TestOnlyOptionsValidator(IHostEnvironment environment) : IValidateOptions<RegistryOptions>
{
    public const string TestingEnvironment = "Testing";

    public ValidateOptionsResult Validate(string? name, RegistryOptions options)
    {
        var armed = new List<string>();
        if (options.FaultAfterEnrollmentStep != 0)
        {
            armed.Add(nameof(RegistryOptions.FaultAfterEnrollmentStep));
        }
        if (!string.IsNullOrEmpty(options.FaultCrashAfterEnrollmentPhase))
        {
            armed.Add(nameof(RegistryOptions.FaultCrashAfterEnrollmentPhase));
        }
        if (options.FaultDropConnectionAfterEnrollment)
        {
            armed.Add(nameof(RegistryOptions.FaultDropConnectionAfterEnrollment));
        }
        if (armed.Count == 0 || environment.IsDevelopment() || environment.IsEnvironment(TestingEnvironment))
        {
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail(
            $"Registry:{string.Join(", Registry:", armed)} test-only, honoured only in the Development or Testing environment, not in '{environment.EnvironmentName}'; remove it.");
    }
}
