namespace Identities.Pipeline.Tests.Verification;

/// <summary>
/// People as the connected groups of "Yes" pairs; every pair of photos is then labelled: same group is
/// the same person, different groups different people (both lists only ever compare known people).
/// </summary>
public static class IdentityGroups
{
    public static Dictionary<string, int> FromPairs(IEnumerable<(string A, string B, bool Same)> pairs)
    {
        var parent = new Dictionary<string, string>();
        string Find(string x)
        {
            parent.TryAdd(x, x);
            while (parent[x] != x)
            {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            return x;
        }

        foreach (var (a, b, same) in pairs)
        {
            var ra = Find(a);
            var rb = Find(b);
            if (same && ra != rb)
            {
                parent[ra] = rb;
            }
        }

        var roots = parent.Keys.Select(Find).Distinct().Order(StringComparer.Ordinal).ToList();
        return parent.Keys.ToDictionary(k => k, k => roots.IndexOf(Find(k)));
    }

    /// <summary>Every unordered pair of labelled photos with whether they show the same person.</summary>
    public static IEnumerable<(string A, string B, bool Same)> AllPairs(Dictionary<string, int> groups)
    {
        var files = groups.Keys.Order(StringComparer.Ordinal).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            for (var j = i + 1; j < files.Count; j++)
            {
                yield return (files[i], files[j], groups[files[i]] == groups[files[j]]);
            }
        }
    }
}
