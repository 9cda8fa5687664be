using Identities.Detector.Detection;
using Identities.Detector.Imaging;

namespace Identities.Detector.Pipeline;

/// <summary>
/// How much smaller a JPEG may be decoded without changing what the detector sees. Decoding is the
/// largest single cost of a request on a CPU, and libjpeg decodes at 1/2, 1/4 or 1/8 size for a fraction
/// of the work. Two floors keep results the same as a full decode:
/// detection: every region the tile planner searches (planned on the original size, so the passes do not
/// change) must still have at least the model's input size (times <see cref="DetectorOptions.ReducedDecodeMinShrink"/>),
/// so no pass is upscaled;
/// description: a face is landmarked and aligned from a decode where its box still has
/// <see cref="DetectorOptions.MinDecodedFaceSize"/> pixels, so its 112x112 crop is never upscaled much.
/// </summary>
public static class ReducedDecodePolicy
{
    /// <summary>The reduction for the detection decode: 1 for formats other than JPEG.</summary>
    public static int ForDetection(ImageHeader header, int inputWidth, int inputHeight, int tileLevels, int maxReduction, float minShrink = 1f)
    {
        if (header.Format != ImageFormat.Jpeg || maxReduction <= 1)
        {
            return 1;
        }
        var smallestShrink = TilePlanner.Plan(header.UprightWidth, header.UprightHeight, inputWidth, inputHeight, tileLevels)
            .Min(t => Math.Max((float)t.Region.Width / inputWidth, (float)t.Region.Height / inputHeight));
        return Largest(smallestShrink / minShrink, maxReduction);
    }

    /// <summary>The largest reduction (at most <paramref name="maxReduction"/>) at which the box's shorter side keeps <paramref name="minFaceSize"/> pixels.</summary>
    public static int ForFace(BoxF box, int minFaceSize, int maxReduction) =>
        Largest(Math.Min(box.Width, box.Height) / minFaceSize, maxReduction);

    /// <summary>The largest power of two not above <paramref name="limit"/> nor <paramref name="maxReduction"/>, at least 1.</summary>
    private static int Largest(float limit, int maxReduction)
    {
        var reduction = 1;
        while (reduction * 2 <= maxReduction && reduction * 2 <= limit)
        {
            reduction *= 2;
        }
        return reduction;
    }
}
