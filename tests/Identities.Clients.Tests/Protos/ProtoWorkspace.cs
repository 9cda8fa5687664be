namespace Identities.Clients.Tests.Protos;

/// <summary>A throw-away copy of the buf workspace (buf.yaml, protos/, third_party/) to change and check.</summary>
public sealed class ProtoWorkspace : IDisposable
{
    /// <summary>The released protos as a buf image (scripts/protos.sh baseline writes it).</summary>
    public const string Baseline = "protos/buf-baseline.json";

    private ProtoWorkspace(string path) => Path = path;

    public string Path { get; }

    public static ProtoWorkspace Copy()
    {
        var target = Directory.CreateTempSubdirectory("identities-buf-").FullName;
        File.Copy(System.IO.Path.Combine(RepositoryPaths.Root, "buf.yaml"), System.IO.Path.Combine(target, "buf.yaml"));
        foreach (var folder in new[] { "protos/identities", "third_party/googleapis" })
        {
            var source = System.IO.Path.Combine(RepositoryPaths.Root, folder);
            foreach (var file in Directory.EnumerateFiles(source, "*.proto", SearchOption.AllDirectories))
            {
                var destination = System.IO.Path.Combine(target, folder, System.IO.Path.GetRelativePath(source, file));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
                File.Copy(file, destination);
            }
        }
        return new ProtoWorkspace(target);
    }

    public void Edit(string file, Func<string, string> change)
    {
        var path = System.IO.Path.Combine(Path, file);
        var before = File.ReadAllText(path);
        var after = change(before);
        Assert.NotEqual(before, after);
        File.WriteAllText(path, after);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
