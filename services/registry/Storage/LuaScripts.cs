using System.Reflection;

namespace Identities.Registry.Storage;

/// <summary>The registry's Lua scripts, embedded from Storage/Scripts (StackExchange.Redis caches them by SHA).</summary>
public static class LuaScripts
{
    public static string Enroll { get; } = Load("enroll.lua");

    public static string DeleteFace { get; } = Load("delete_face.lua");

    public static string DeletePerson { get; } = Load("delete_person.lua");

    private static string Load(string name)
    {
        var assembly = typeof(LuaScripts).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(name, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
