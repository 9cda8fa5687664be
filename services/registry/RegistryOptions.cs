using System.ComponentModel.DataAnnotations;

namespace Identities.Registry;

/// <summary>Redis and vector-index settings (section "Registry").</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>StackExchange.Redis configuration string of a Redis >= 8 (vector sets built in).</summary>
    [Required]
    public string Redis { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// The Redis ACL user the registry connects as (its rules: RedisAcl, limited to KeyPrefix); empty: the default user.
    /// run.sh and the Kubernetes manifests use identities-registry.
    /// </summary>
    public string? RedisUser { get; set; }

    /// <summary>Its password (on Kubernetes from the Secret identities-redis; run.sh generates one under IDENTITIES_DATA_DIR).</summary>
    public string? RedisPassword { get; set; }

    /// <summary>Prefix of every key, so several deployments can share one Redis.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9:_-]{1,32}$")]
    public string KeyPrefix { get; set; } = "idn";

    /// <summary>
    /// Vector quantization of the HNSW index: BIN (default: one bit per dimension; the graph is cheaper to build and
    /// to search, and re-ranking on the FP32 vectors makes the answers exact among the candidates), Q8 or NOQUANT.
    /// Fixed for the life of the data (recorded in Redis like the shard count). See docs/REGISTRY.md.
    /// </summary>
    [RegularExpression("^(Q8|NOQUANT|BIN)$")]
    public string Quantization { get; set; } = "BIN";

    /// <summary>VADD's EF (build exploration factor); 0 keeps Redis's default (200).</summary>
    [Range(0, 4096)]
    public int BuildExplorationFactor { get; set; }

    /// <summary>VADD's M (links per node); 0 keeps Redis's default (16). 32: a better-connected graph, measured in docs/REGISTRY.md.</summary>
    [Range(0, 512)]
    public int MaxLinks { get; set; } = 32;

    /// <summary>
    /// Candidates a search asks VSIM for and re-ranks by exact cosine on the FP32 vectors kept in the face hashes;
    /// 0 = no re-ranking (VSIM's scores and order as they are, exact only with NOQUANT). See docs/REGISTRY.md.
    /// </summary>
    [Range(0, 1000)]
    public int RerankCandidates { get; set; } = 50;

    /// <summary>VSIM's EF (search exploration factor); 0 keeps Redis's default (100). 200: recall@1 0.99 at 100k faces.</summary>
    [Range(0, 4096)]
    public int SearchExplorationFactor { get; set; } = 200;

    /// <summary>
    /// Shards of the gallery: a person and everything that belongs to it (faces, FP32 vectors, vectors in the shard's
    /// vector set per model) live in shard FNV-1a(person id) mod Shards, whose keys share one hash tag (one Redis
    /// Cluster slot). A search asks every shard at once and merges. Bounded shards keep HNSW recall where it is at
    /// their size (docs/REGISTRY.md, "Shard size"); on a cluster they spread over the masters. Fixed for the life of the
    /// data: recorded in Redis at start-up, and a registry configured otherwise is not ready.
    /// </summary>
    [Range(1, 1024)]
    public int Shards { get; set; } = 16;

    /// <summary>How often the faces-per-shard gauge (identities.registry.shard.faces) is read from Redis.</summary>
    [Range(1, 3600)]
    public int ShardSizeRefreshSeconds { get; set; } = 15;

    /// <summary>
    /// Connections for searches. Redis runs each VSIM on a worker thread but answers one connection's commands in
    /// order, so concurrent searches (and a sharded search's fan-out) only run in parallel over separate connections.
    /// </summary>
    [Range(1, 32)]
    public int SearchConnections { get; set; } = 4;

    /// <summary>
    /// Acknowledge writes only once Redis has them in its append-only file (WAITAOF, see <see cref="AofLocal"/> and
    /// <see cref="AofReplicas"/>); when that cannot be confirmed, an enrollment is undone and the caller gets UNAVAILABLE.
    /// </summary>
    public bool WaitForAof { get; set; } = true;

    /// <summary>WAITAOF numlocal: 1 = the shard's master has fsynced the write to its AOF.</summary>
    [Range(0, 1)]
    public int AofLocal { get; set; } = 1;

    /// <summary>
    /// WAITAOF numreplicas: this many of the shard's replicas have fsynced it too, capped at the replicas the master
    /// has connected now (a single server, or a master whose replica is down, waits for none).
    /// </summary>
    [Range(0, 8)]
    public int AofReplicas { get; set; } = 1;

    [Range(1, 60_000)]
    public int AofTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// How old an unconfirmed photo-reference claim whose face does not exist must be before another enrollment may take
    /// the reference over (the claimer crashed between claim and write). Longer than an enrollment's slowest path.
    /// </summary>
    [Range(100, 600_000)]
    public int ReferenceClaimLeaseMilliseconds { get; set; } = 30_000;

    /// <summary>
    /// After an erasure (DeletePerson, DeleteFace), Redis rewrites its AOF so the deleted data leaves its files; at
    /// most one rewrite per this many seconds (erasures in between share the next). 0: never (the operator runs
    /// BGREWRITEAOF; docs/REGISTRY.md).
    /// </summary>
    [Range(0, 86_400)]
    public int ErasureRewriteIntervalSeconds { get; set; } = 300;

    /// <summary>How long one Redis operation may take before the caller gets UNAVAILABLE.</summary>
    [Range(100, 60_000)]
    public int OperationTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// Test-only: make the enrollment script fail after this write step (1-4) to prove the rollback. 0 = off. Like every
    /// Fault* setting, refused at start outside the Development and Testing environments (TestOnlyOptionsValidator).
    /// </summary>
    [Range(0, 4)]
    public int FaultAfterEnrollmentStep { get; set; }

    /// <summary>
    /// Test-only: stop an enrollment as a crash of the registry would, after this step: "claim" (the reference is
    /// claimed, the face not written) or "write" (the face is written, the claim not confirmed). Empty = off.
    /// </summary>
    [RegularExpression("^(|claim|write)$")]
    public string FaultCrashAfterEnrollmentPhase { get; set; } = "";

    /// <summary>Test-only: drop the write connection right after the enrollment script, before WAITAOF.</summary>
    public bool FaultDropConnectionAfterEnrollment { get; set; }
}
