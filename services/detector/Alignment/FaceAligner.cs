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

    /// <summary>Below this scale (output pixels per image pixel) the face's region is area-averaged before the warp.</summary>
    public const double MaxScaleWithoutPrefilter = 0.5;

    /// <summary>The aligned BGR crop; the caller disposes it. Pixels outside the image are black.</summary>
    public static Mat Align(Mat image, IReadOnlyList<PointF> fivePoints)
    {
        var transform = SimilarityTransform.Estimate(fivePoints, ReferencePoints);
        var aligned = new Mat();
        var scale = Math.Sqrt((transform.A * transform.A) + (transform.B * transform.B));
        var region = scale < MaxScaleWithoutPrefilter ? SourceRegion(transform, image.Cols, image.Rows) : default;
        if (region.Width < 2 || region.Height < 2)
        {
            using var matrix = Mat.FromPixelData(2, 3, MatType.CV_64FC1, transform.ToMatrix());
            Cv2.WarpAffine(image, aligned, matrix, new Size(Size, Size), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.Black);
            return aligned;
        }

        // A bilinear warp that shrinks a large face many times reads a few image pixels per crop pixel and
        // aliases (hair, skin texture, JPEG noise), so the crop, and its embedding, would depend on the
        // photo's resolution. Area-average the face's region down to about the crop's scale first.
        using var source = new Mat(image, region);
        using var shrunk = new Mat();
        var size = new Size(Math.Max(2, (int)Math.Round(region.Width * scale)), Math.Max(2, (int)Math.Round(region.Height * scale)));
        Cv2.Resize(source, shrunk, size, 0, 0, InterpolationFlags.Area);
        var fx = (double)size.Width / region.Width;
        var fy = (double)size.Height / region.Height;
        // Shrunk pixel q sits at image pixel (q + 0.5) / f - 0.5 + region origin (pixel centres).
        var ox = region.X + (0.5 / fx) - 0.5;
        var oy = region.Y + (0.5 / fy) - 0.5;
        double[] onShrunk =
        [
            transform.A / fx, -transform.B / fy, (transform.A * ox) - (transform.B * oy) + transform.Tx,
            transform.B / fx, transform.A / fy, (transform.B * ox) + (transform.A * oy) + transform.Ty,
        ];
        using var shrunkMatrix = Mat.FromPixelData(2, 3, MatType.CV_64FC1, onShrunk);
        Cv2.WarpAffine(shrunk, aligned, shrunkMatrix, new Size(Size, Size), InterpolationFlags.Linear, BorderTypes.Constant, Scalar.Black);
        return aligned;
    }

    /// <summary>The image pixels the crop is drawn from (its corners mapped back), with a small margin, clipped.</summary>
    private static Rect SourceRegion(SimilarityTransform transform, int width, int height)
    {
        var norm = (transform.A * transform.A) + (transform.B * transform.B);
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (u, v) in new[] { (0.0, 0.0), (Size, 0.0), (0.0, Size), ((double)Size, (double)Size) })
        {
            // Inverse of [a -b; b a]: [a b; -b a] / (a² + b²).
            var du = u - transform.Tx;
            var dv = v - transform.Ty;
            var x = ((transform.A * du) + (transform.B * dv)) / norm;
            var y = ((-transform.B * du) + (transform.A * dv)) / norm;
            minX = Math.Min(minX, x);
            minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
        }
        var margin = 2 / Math.Sqrt(norm);
        var left = Math.Max(0, (int)Math.Floor(minX - margin));
        var top = Math.Max(0, (int)Math.Floor(minY - margin));
        var right = Math.Min(width, (int)Math.Ceiling(maxX + margin));
        var bottom = Math.Min(height, (int)Math.Ceiling(maxY + margin));
        return right > left && bottom > top ? new Rect(left, top, right - left, bottom - top) : default;
    }

    /// <summary>Packed RGB bytes of a BGR crop, the embedder's wire format.</summary>
    public static byte[] ToRgbBytes(Mat bgr)
    {
        using var rgb = new Mat();
        Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        return rgb.AsSpan<byte>().ToArray();
    }
}
