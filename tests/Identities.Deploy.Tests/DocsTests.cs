using Identities.Deploy.Tests.Support;

namespace Identities.Deploy.Tests;

/// <summary>docs/DEPLOY.md names what the files use, so that the two do not drift apart.</summary>
public sealed class DocsTests
{
    private static readonly string Deploy = Repo.Read("docs", "DEPLOY.md");

    [Fact]
    public void NamesTheImagesBasesInUse()
    {
        foreach (var worker in ServiceConfig.GpuWorkers)
        {
            Assert.Contains(Dockerfile.Load(Repo.PathOf("services", worker, "Dockerfile.gpu")).Final.Image, Deploy, StringComparison.Ordinal);
        }
        Assert.Contains(Rendered.Of("base").Workload("redis").Pod.Containers.Single().Image, Deploy, StringComparison.Ordinal);
    }

    [Fact]
    public void SizesRedis_FromTheRegistrysMeasurements()
    {
        Assert.Contains("5.1 KB", Deploy, StringComparison.Ordinal);
        Assert.Contains("2.9 KB", Deploy, StringComparison.Ordinal);
        Assert.Contains("1.4 KB", Deploy, StringComparison.Ordinal);
        Assert.Contains("BIN", Deploy, StringComparison.Ordinal);
        Assert.Contains("NOQUANT", Deploy, StringComparison.Ordinal);
        Assert.Contains("6200mb", Deploy, StringComparison.Ordinal);
    }

    [Fact]
    public void CoversTheGpuPool_AndWhatWasNotVerified()
    {
        Assert.Contains("device plugin", Deploy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("GPU operator", Deploy, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not verified", Deploy, StringComparison.OrdinalIgnoreCase);
    }
}
