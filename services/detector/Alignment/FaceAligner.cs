using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.Detector.Alignment;

/// <summary>Warps a face so its five points land on the standard 112x112 reference (ArcFace layout).</summary>
public static class FaceAligner
{
    public const int Size = 112;

    /// <summary>Left eye, right eye, nose tip, left and right mouth corner (lib/fr_feature.js).</summary>
    public static readonly IReadOnlyList<PointF> ReferencePoints =
    [
        new(38.29459953f, 51.69630051f),
        new(73.53179932f, 51.50139999f),
        new(56.02519989f, 71.73660278f),
        new(41.54930115f, 92.3655014f),
        new(70.72990036f, 92.20410156f),
    ];

    /// <summary>The aligned BGR crop; the caller disposes it. Pixels outside the image are black.</summary>
    public static Mat Align(Mat image, IReadOnlyList<PointF> fivePoints)
    {
        var transform = SimilarityTransform.Estimate(fivePoints, ReferencePoints);
        using var matrix = Mat.FromPixelData(2, 3, MatType.CV_64FC1, transform.ToMatrix());
        var aligned = new Mat();
        Cv2.WarpAffine(image, aligned, matrix, new Size(Size, Size), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.Black);
        return aligned;
    }

    /// <summary>Packed RGB bytes of a BGR crop, the embedder's wire format.</summary>
    public static byte[] ToRgbBytes(Mat bgr)
    {
        using var rgb = new Mat();
        Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        return rgb.AsSpan<byte>().ToArray();
    }
}
