using System.ComponentModel.DataAnnotations;

namespace Identities.Embedder;

/// <summary>Embedding model and batching (section "Embedder").</summary>
public sealed class EmbedderOptions
{
    public const string SectionName = "Embedder";

    /// <summary>ONNX model: [batch, 3, H, W] RGB in, [batch, D] out. Relative paths use the models directory.</summary>
    [Required]
    public string ModelPath { get; set; } = "fr_feature.onnx";

    /// <summary>Names the vector space; empty derives it from the file name and its SHA-256.</summary>
    public string? ModelId { get; set; }

    /// <summary>
    /// Most faces in one model run. CPU defaults measured on 2 cores (docs/PERFORMANCE.md): batches of 8,
    /// no wait, two runs in flight; on a GPU use 128-256 and a wait of 2 ms (batching is worth 17x there).
    /// </summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>How long the first face of a batch waits for others; 0 batches only what is already queued.</summary>
    [Range(0, 1000)]
    public double MaxBatchWaitMilliseconds { get; set; }

    /// <summary>Model runs in flight at once: 2 keeps both cores busy with 1 intra-op thread each.</summary>
    [Range(1, 16)]
    public int ConcurrentBatches { get; set; } = 2;

    /// <summary>Most faces one Embed call may carry.</summary>
    [Range(1, 4096)]
    public int MaxFacesPerRequest { get; set; } = 256;

    /// <summary>
    /// Faces that may wait for a model run (a 112x112 crop is 37 KB); a request that does not fit whole is refused
    /// at once (RESOURCE_EXHAUSTED, 503 at the gateway). Must hold at least one request of MaxFacesPerRequest.
    /// </summary>
    [Range(1, 65_536)]
    public int MaxQueuedFaces { get; set; } = 512;
}
