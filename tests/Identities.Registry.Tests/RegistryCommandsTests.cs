using Identities.Registry.Storage;

namespace Identities.Registry.Tests;

/// <summary>migrate-layout's arguments: wrong ones are refused before anything connects to Redis.</summary>
public sealed class RegistryCommandsTests
{
    [Fact]
    public async Task MigrateLayout_UnknownArgument_Is2AndNamesItAndTheOptions()
    {
        using var log = new StringWriter();

        var code = await RegistryCommands.RunAsync(["migrate-layout", "--delete-all"], new RegistryOptions { Redis = "127.0.0.1:1" }, log);

        Assert.Equal(2, code);
        Assert.Contains("--delete-all", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("--delete-old", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("--from", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateLayout_Help_Is0AndDescribesTheOptions()
    {
        using var log = new StringWriter();

        var code = await RegistryCommands.RunAsync(["migrate-layout", "--help"], new RegistryOptions { Redis = "127.0.0.1:1" }, log);

        Assert.Equal(0, code);
        Assert.Contains("--delete-old", log.ToString(), StringComparison.Ordinal);
        Assert.Contains("--from", log.ToString(), StringComparison.Ordinal);
    }
}
