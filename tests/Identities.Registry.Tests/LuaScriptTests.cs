using System.Reflection;
using System.Text.RegularExpressions;
using Identities.Registry.Storage;

namespace Identities.Registry.Tests;

/// <summary>
/// Every key comes from RedisKeys: the Lua scripts receive theirs in KEYS (as Redis Cluster requires, to route the
/// script to the slot) and never build one from a prefix or an id.
/// </summary>
public sealed partial class LuaScriptTests
{
    public static TheoryData<string> Scripts { get; } =
        [.. typeof(LuaScripts).GetProperties(BindingFlags.Public | BindingFlags.Static).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Script_EveryRedisCall_TakesItsKeysFromKEYS(string name)
    {
        var script = (string)typeof(LuaScripts).GetProperty(name)!.GetValue(null)!;
        var calls = RedisCall().Matches(script);

        Assert.NotEmpty(calls);
        Assert.All(calls, call => Assert.StartsWith("KEYS[", call.Groups["key"].Value, StringComparison.Ordinal));
        // A command assembled in a table (VADD with its options) takes its key from KEYS too.
        Assert.All(CommandTable().Matches(script), table => Assert.StartsWith("KEYS[", table.Groups["key"].Value, StringComparison.Ordinal));
        Assert.DoesNotContain("..", string.Join('\n', KeyLikeLines(script)), StringComparison.Ordinal);
    }

    /// <summary>Lines that mention KEYS: none of them may concatenate.</summary>
    private static IEnumerable<string> KeyLikeLines(string script) =>
        script.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal) && l.Contains("KEYS", StringComparison.Ordinal));

    [GeneratedRegex(@"redis\.call\('(?<command>\w+)',\s*(?<key>[^,)]+)")]
    private static partial Regex RedisCall();

    [GeneratedRegex(@"=\s*\{'(?<command>[A-Z]+)',\s*(?<key>[^,}]+)")]
    private static partial Regex CommandTable();
}
