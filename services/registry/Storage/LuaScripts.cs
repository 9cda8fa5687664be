namespace Identities.Registry.Storage;

/// <summary>
/// The registry's Lua scripts, embedded from Storage/Scripts (StackExchange.Redis caches them by SHA). Every script
/// receives all its keys in KEYS and builds none (RedisKeys builds them), as Redis Cluster requires.
/// </summary>
public static class LuaScripts
{
    public static string Enroll { get; } = Load("enroll.lua");

    public static string DeleteFace { get; } = Load("delete_face.lua");

    public static string DeletePerson { get; } = Load("delete_person.lua");

    public static string ClaimReference { get; } = Load("claim_reference.lua");

    public static string ConfirmReference { get; } = Load("confirm_reference.lua");

    public static string ReleaseReference { get; } = Load("release_reference.lua");

    private static string Load(string name)
    {
        var assembly = typeof(LuaScripts).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
