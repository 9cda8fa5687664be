namespace Identities.Gateway;

/// <summary>Files the gateway creates once under its data directory and keeps: its signing key, its TLS certificate.</summary>
public static class PrivateFile
{
    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="path"/> readable by the owner only, unless the file exists.
    /// Written beside it first and renamed, so nobody reads half a file; of two gateways starting at once the first
    /// rename wins and both go on to read the same file.
    /// </summary>
    public static void CreateOnce(string path, byte[] contents)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, contents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(temporary);
        }
    }
}
