namespace Identities.Registry.Storage;

/// <summary>
/// The Redis ACL rules of the registry's user, in one place: its key prefix only, no pub/sub channel, and only the
/// commands the registry sends (its Lua scripts' commands included: Redis checks those against the caller's ACL
/// too). scripts/run.sh, deploy/k8s/base/redis.yaml and the tests use exactly these rules (a test compares them).
/// </summary>
public static class RedisAcl
{
    /// <summary>The user name the registry connects as (Registry:RedisUser) in run.sh and the Kubernetes manifests.</summary>
    public const string RegistryUser = "identities-registry";

    public static IReadOnlyList<string> Commands { get; } =
    [
        // Connection: what StackExchange.Redis sends on connect (cluster topology included, for Redis Cluster; READONLY
        // to replicas, ASKING while a slot migrates), and the readiness check (INFO). Not CONFIG: the registry's
        // connection does not send it (RedisConnection).
        "auth", "hello", "ping", "echo", "client|setname", "client|setinfo", "client|id", "select", "info", "cluster|nodes", "cluster|slots", "cluster|info",
        "readonly", "asking",
        // Persons, faces, references, the persons index, and the layout record.
        "get", "set", "del", "unlink", "exists", "incr", "decr", "decrby", "hget", "hmget", "hgetall", "hset", "hmset", "hsetnx",
        "sadd", "srem", "smembers", "sismember", "scard", "zadd", "zrem", "zrange", "zrangebylex",
        "multi", "exec", "discard", "watch", "unwatch",
        // Atomic enrollment and deletion scripts.
        "eval", "evalsha", "script|load", "script|exists",
        // Vector sets.
        "vadd", "vrem", "vsim", "vinfo", "vdim", "vcard",
        // Readiness (finding the gallery's vector sets), durability (WAIT, then WAITAOF: AofDurability), and compaction
        // after erasures.
        "scan", "wait", "waitaof", "bgrewriteaof",
    ];

    /// <summary>ACL SETUSER rules (without the user name, on/off and password) for a registry with this key prefix.</summary>
    public static string Rules(string keyPrefix) =>
        $"resetkeys ~{RedisKeys.AllKeysOf(keyPrefix)} resetchannels -@all {string.Join(' ', Commands.Select(c => "+" + c))}";
}
