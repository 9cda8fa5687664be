namespace Identities.Clients.Tests.Support;

/// <summary>
/// A new user's working folder: face.jpg and face2.jpg (two small photos of one person, under the 128 KB a shell
/// argument may hold), and var/ laid out as run.sh leaves it (admin-password, tls/gateway.pem).
/// </summary>
public sealed class UserFolder : IDisposable
{
    private UserFolder(string path) => Path = path;

    public string Path { get; }

    public string DataDirectory => System.IO.Path.Combine(Path, "var");

    public static UserFolder Create(StackFixture stack)
    {
        var folder = new UserFolder(Directory.CreateTempSubdirectory("identities-user-").FullName);
        File.Copy(SharedFaces.PathOf("img16.jpg"), System.IO.Path.Combine(folder.Path, "face.jpg"));
        File.Copy(SharedFaces.PathOf("img17.jpg"), System.IO.Path.Combine(folder.Path, "face2.jpg"));
        Directory.CreateDirectory(System.IO.Path.Combine(folder.DataDirectory, "tls"));
        File.WriteAllText(System.IO.Path.Combine(folder.DataDirectory, "admin-password"), StackFixture.AdminPassword + "\n");
        File.Copy(stack.CertificatePemPath(), System.IO.Path.Combine(folder.DataDirectory, "tls", "gateway.pem"));
        return folder;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
