using System.ComponentModel.DataAnnotations;

namespace Identities.Gateway;

/// <summary>Downstream workers, decision thresholds and limits (section "Gateway").</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    private const string GrpcAddressPattern = @"^(https?://[^\s/]+/?|dns:///[^\s/]+)$";

    /// <summary>
    /// gRPC address of each worker: http://host:port (one connection, balanced per connection by a
    /// Kubernetes Service), or dns:///host:port to resolve every address of a headless Service and
    /// balance calls round-robin across the worker pods.
    /// </summary>
    [Required, RegularExpression(GrpcAddressPattern)]
    public string DetectorAddress { get; set; } = "http://127.0.0.1:5101";

    [Required, RegularExpression(GrpcAddressPattern)]
    public string EmbedderAddress { get; set; } = "http://127.0.0.1:5102";

    [Required, RegularExpression(GrpcAddressPattern)]
    public string RegistryAddress { get; set; } = "http://127.0.0.1:5103";

    /// <summary>How often dns:/// worker addresses are resolved again, so new pods get calls.</summary>
    [Range(1, 3600)]
    public int DnsRefreshSeconds { get; set; } = 30;

    /// <summary>The registry's HTTP endpoint, serving Person Management as JSON (gRPC JSON transcoding).</summary>
    [Required, Url]
    public string RegistryHttpAddress { get; set; } = "http://127.0.0.1:5113";

    /// <summary>Deadline of each detector and embedder call.</summary>
    [Range(100, 120_000)]
    public int InferenceTimeoutMilliseconds { get; set; } = 15_000;

    /// <summary>Deadline of each registry call.</summary>
    [Range(100, 60_000)]
    public int RegistryTimeoutMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// Match threshold on the confidence scale, confidence = (1 + cosine) / 2 (docs/ACCURACY.md):
    /// 0.70 is cosine 0.40, the measured default.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MatchThreshold { get; set; } = 0.70;

    /// <summary>Enrollment refuses faces under this quality unless forceEnrollment=true.</summary>
    [Range(0.0, 1.0)]
    public double MinEnrollmentQuality { get; set; } = 0.5;

    /// <summary>Enrollment refuses faces with fewer pixels between the eyes, even when forced.</summary>
    [Range(1, 1000)]
    public double MinEnrollmentInterOcularDistance { get; set; } = 20;

    /// <summary>A second face at least this share of the primary face's area makes an enrollment photo ambiguous.</summary>
    [Range(0.1, 1.0)]
    public double MultipleFacesAreaRatio { get; set; } = 0.5;

    /// <summary>Crops per embedder call when faceDetect answers a crowd; at most the embedder's Embedder:MaxFacesPerRequest.</summary>
    [Range(1, 4096)]
    public int EmbedBatchSize { get; set; } = 256;

    /// <summary>Queries per registry SearchBatch call when faceDetect answers a crowd; the registry accepts at most 256.</summary>
    [Range(1, 256)]
    public int SearchBatchSize { get; set; } = 256;

    /// <summary>Largest request body (default 15 MB); larger ones get 413.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Retry-After (seconds) sent with 503 when a worker or Redis is down.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Signing key and TLS certificate live here: IDENTITIES_DATA_DIR, else ./var.</summary>
    [Required]
    public string DataDirectory { get; set; } =
        Environment.GetEnvironmentVariable("IDENTITIES_DATA_DIR") is { Length: > 0 } dir ? dir : "var";
}
