using System.Text;

namespace Identities.Registry.Storage;

/// <summary>Which shard a face's vector lives in: a stable hash of its id (FNV-1a), the same in every process and release.</summary>
public static class VectorShards
{
    public static int ShardOf(string faceId, int shards)
    {
        if (shards <= 1)
        {
            return 0;
        }
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(faceId))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % (uint)shards);
    }
}
