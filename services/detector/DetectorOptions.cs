using System.ComponentModel.DataAnnotations;

namespace Identities.Detector;

/// <summary>Models, limits and detection thresholds (section "Detector").</summary>
public sealed class DetectorOptions
{
    public const string SectionName = "Detector";

    /// <summary>Detection model: [1, 3, 240, 320] RGB in; scores [1, N, 2] and 0..1 corner boxes [1, N, 4] out.</summary>
    [Required]
    public string DetectionModelPath { get; set; } = "fr_detect.onnx";

    /// <summary>Landmark model: [1, 1, 64, 64] grey crop in; 68 (x, y) points, 0..1 of the crop, out.</summary>
    [Required]
    public string LandmarkModelPath { get; set; } = "fr_landmark.onnx";

    /// <summary>
    /// Default minimum detection score when a request sets none. Candidates under <see cref="ConfirmationSureScore"/>
    /// are only answered after a second look, which is what lets this be low.
    /// </summary>
    [Range(0.05, 1.0)]
    public float MinScore { get; set; } = 0.5f;

    /// <summary>Minimum score of faces found only in a tile pass (the second look applies to them too).</summary>
    [Range(0.05, 1.0)]
    public float TileMinScore { get; set; } = 0.5f;

    [Range(0.05, 0.95)]
    public float NmsIouThreshold { get; set; } = 0.4f;

    /// <summary>Tile pyramid depth for large images: level L splits the image into 2^L x 2^L tiles.</summary>
    [Range(0, 3)]
    public int TileLevels { get; set; } = 2;

    /// <summary>Refused before decoding when the header announces more pixels (default 40 MP).</summary>
    [Range(1, 500_000_000)]
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Images with a shorter side are refused as too small to hold a usable face.</summary>
    [Range(1, 10_000)]
    public int MinImageSide { get; set; } = 32;

    /// <summary>Faces whose box is smaller than this (shorter side, pixels) are dropped.</summary>
    [Range(1, 10_000)]
    public int MinFaceSize { get; set; } = 12;

    /// <summary>
    /// Boxes flatter than this (height / width) are dropped: this detector's face boxes are 1.25-1.9 times
    /// taller than wide, and its false boxes (hair, hands, half a face) are mostly wide.
    /// </summary>
    [Range(0, 10)]
    public float MinBoxAspect { get; set; } = 1.0f;

    /// <summary>
    /// Candidates scoring at least this are faces without a second look; those under it are re-detected in a
    /// region around them (<see cref="ConfirmationContext"/>) and kept only if that pass scores them at least
    /// <see cref="ConfirmationMinScore"/>. 0 turns the second look off; above 1 every candidate gets one.
    /// </summary>
    [Range(0, 2.0)]
    public float ConfirmationSureScore { get; set; } = 0.99f;

    /// <summary>Score the second look must give an unsure candidate for it to count as a face.</summary>
    [Range(0.05, 1.0)]
    public float ConfirmationMinScore { get; set; } = 0.3f;

    /// <summary>
    /// An unsure candidate that the pass finding it saw at least this tall (model input pixels) needs
    /// <see cref="LargeFaceMinScore"/> there: the model sees such a face clearly, and real ones score higher.
    /// </summary>
    [Range(1, 1000)]
    public float LargeFaceSeenHeight { get; set; } = 40f;

    /// <summary>Least score of a candidate seen at least <see cref="LargeFaceSeenHeight"/> tall; below it, no second look can save it.</summary>
    [Range(0, 1.0)]
    public float LargeFaceMinScore { get; set; } = 0.9f;

    /// <summary>Height of the second look's region in box heights: the face fills about 1/context of the model's input.</summary>
    [Range(1.5, 10)]
    public float ConfirmationContext { get; set; } = 3f;

    /// <summary>
    /// Most faces answered for one image (a crowd photo); an image with more is refused with reason
    /// too_many_faces rather than answered in part. At most 1,500: the answer's aligned crops must fit one gRPC message.
    /// </summary>
    [Range(1, 1_500)]
    public int MaxFacesPerImage { get; set; } = 1000;

    /// <summary>
    /// Largest factor (1, 2, 4 or 8) by which a JPEG is decoded smaller (libjpeg DCT scaling) when every
    /// region the detector searches keeps at least the model's input size; 1 always decodes at full size.
    /// </summary>
    [AllowedValues(1, 2, 4, 8)]
    public int MaxDecodeReduction { get; set; } = 8;

    /// <summary>
    /// A reduced decode must leave every region the detector searches at least this many times the model's
    /// input: 1 means no pass is upscaled; more leaves the final resize room to smooth DCT-scaling artefacts.
    /// </summary>
    [Range(1.0, 8.0)]
    public float ReducedDecodeMinShrink { get; set; } = 1.0f;

    /// <summary>
    /// A face is landmarked and aligned from a decode in which its box's shorter side has at least this many
    /// pixels (the aligned crop is 112 px); a smaller face in a reduced decode gets a second, finer decode.
    /// </summary>
    [Range(16, 10_000)]
    public int MinDecodedFaceSize { get; set; } = 112;

    /// <summary>Images processed at once; more callers wait their turn. 0 means one per CPU core.</summary>
    [Range(0, 256)]
    public int MaxConcurrency { get; set; }

    /// <summary>
    /// Images that may wait for a slot; beyond them a request is refused at once (RESOURCE_EXHAUSTED, 503 at the
    /// gateway). Each waiting image holds its request (up to the gateway's 15 MB body), so this bounds memory.
    /// </summary>
    [Range(0, 1024)]
    public int MaxQueuedImages { get; set; } = 8;
}
