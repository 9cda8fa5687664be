using System.Globalization;
using System.Text;

namespace Identities.Registry.Storage;

/// <summary>
/// Where a person and everything that belongs to it live: shard = FNV-1a(person id) mod N, the same in every process
/// and release (pinned by a test). Each shard's keys carry one hash tag, so on Redis Cluster a shard is one hash slot and
/// a script over its keys runs on one node; the tags are chosen so that the N slots are spread evenly over the slot range,
/// which `redis-cli --cluster create` splits into equal ranges per master.
/// </summary>
public static class Shards
{
    public const int SlotCount = 16384;

    public static int ShardOf(string id, int shards)
    {
        if (shards <= 1)
        {
            return 0;
        }
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            hash = (hash ^ b) * 16777619u;
        }
        return (int)(hash % (uint)shards);
    }

    /// <summary>
    /// The hash tag of shard <paramref name="shard"/> of <paramref name="shards"/>: "s{shard}" with the smallest suffix
    /// whose slot lies in the shard's 1/N of the slot range.
    /// </summary>
    public static string Tag(int shard, int shards)
    {
        var low = shard * SlotCount / shards;
        var high = (shard + 1) * SlotCount / shards;
        for (var suffix = 0; ; suffix++)
        {
            var tag = string.Create(CultureInfo.InvariantCulture, $"s{shard}-{suffix}");
            var slot = HashSlot(tag);
            if (slot >= low && slot < high)
            {
                return tag;
            }
        }
    }

    /// <summary>Redis Cluster's key slot of a hash tag's content: CRC16 (XMODEM) mod 16384.</summary>
    public static int HashSlot(string tag)
    {
        ushort crc = 0;
        foreach (var b in Encoding.UTF8.GetBytes(tag))
        {
            crc ^= (ushort)(b << 8);
            for (var i = 0; i < 8; i++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }
        }
        return crc % SlotCount;
    }

    /// <summary>A new UUIDv7 whose shard is <paramref name="shard"/>, so that a face id alone names its person's shard.</summary>
    public static string NewIdIn(int shard, int shards)
    {
        while (true)
        {
            var id = Guid.CreateVersion7().ToString();
            if (ShardOf(id, shards) == shard)
            {
                return id;
            }
        }
    }
}
