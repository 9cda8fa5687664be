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

    /// <summary>Most faces in one model run (docs/PERFORMANCE.md: CPU gains little past 8, a GPU up to 256).</summary>
    [Range(1, 1024)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long the first face of a batch waits for others to join it.</summary>
    [Range(0, 1000)]
    public double MaxBatchWaitMilliseconds { get; set; } = 2;

    /// <summary>Model runs in flight at once (more than one helps a GPU overlap copies and compute).</summary>
    [Range(1, 16)]
    public int ConcurrentBatches { get; set; } = 1;

    /// <summary>Most faces one Embed call may carry.</summary>
    [Range(1, 4096)]
    public int MaxFacesPerRequest { get; set; } = 256;
}
