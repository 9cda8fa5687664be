namespace Identities.Gateway.Tests;

/// <summary>The gateway's signing key and TLS certificate are written once, readable by their owner only.</summary>
public sealed class PrivateFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("identities-private-");

    [Fact]
    public void CreateOnce_NewPath_WritesTheContentsOwnerOnlyWithoutATemporaryLeft()
    {
        var path = Path.Combine(_directory.FullName, "keys", "secret.key");

        PrivateFile.CreateOnce(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void CreateOnce_FileAlreadyThere_KeepsTheFirstContents()
    {
        var path = Path.Combine(_directory.FullName, "secret.key");
        PrivateFile.CreateOnce(path, [1]);

        PrivateFile.CreateOnce(path, [2]);

        Assert.Equal([1], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_directory.FullName));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
