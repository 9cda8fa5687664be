using System.ComponentModel.DataAnnotations;

namespace Identities.Registry;

/// <summary>Redis and vector-index settings (section "Registry").</summary>
public sealed class RegistryOptions
{
    public const string SectionName = "Registry";

    /// <summary>StackExchange.Redis configuration string of a Redis >= 8 (vector sets built in).</summary>
    [Required]
    public string Redis { get; set; } = "127.0.0.1:6379";

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
    /// Vector sets per embedding model (a face goes to one by a hash of its id; a search asks all of them at once
    /// and merges). More shards make inserts cheaper (smaller graphs) at the cost of a fan-out per search; see
    /// docs/REGISTRY.md. Fixed for the life of the data: the registry records it in Redis and is not ready if the
    /// configured value differs from the recorded one.
    /// </summary>
    [Range(1, 64)]
    public int VectorShards { get; set; } = 1;

    /// <summary>
    /// Connections for searches. Redis runs each VSIM on a worker thread but answers one connection's commands in
    /// order, so concurrent searches (and a sharded search's fan-out) only run in parallel over separate connections.
    /// </summary>
    [Range(1, 32)]
    public int SearchConnections { get; set; } = 4;

    /// <summary>Acknowledge writes only once Redis has them in its local AOF (WAITAOF 1 0).</summary>
    public bool WaitForAof { get; set; } = true;

    [Range(1, 60_000)]
    public int AofTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>How long one Redis operation may take before the caller gets UNAVAILABLE.</summary>
    [Range(100, 60_000)]
    public int OperationTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>Test-only: make enrollment fail after this write step (1-5) to prove the rollback. 0 = off.</summary>
    [Range(0, 5)]
    public int FaultAfterEnrollmentStep { get; set; }
}
