using Identities.Detector.Detection;
using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.Detector.Imaging;

/// <summary>
/// A decoded BGR image, upright, possibly decoded smaller than the original: pixel (x, y) of
/// <see cref="Image"/> covers original pixels [x·r, (x+1)·r) with r = <see cref="Reduction"/> (libjpeg's DCT
/// scaling keeps that exact). Boxes and points leave the detector in original pixels.
/// </summary>
public sealed class DecodedImage(Mat image, int reduction, int width, int height) : IDisposable
{
    public Mat Image { get; } = image;

    /// <summary>1, 2, 4 or 8.</summary>
    public int Reduction { get; } = reduction;

    /// <summary>The original's upright width, what callers' coordinates refer to.</summary>
    public int Width { get; } = width;

    public int Height { get; } = height;

    /// <summary>An original-pixel region as the decoded pixels that cover it (rounded outwards, inside the image).</summary>
    public Rect ToDecoded(Rect region)
    {
        var x = region.X / Reduction;
        var y = region.Y / Reduction;
        var right = Math.Min(Image.Cols, (region.Right + Reduction - 1) / Reduction);
        var bottom = Math.Min(Image.Rows, (region.Bottom + Reduction - 1) / Reduction);
        return new Rect(x, y, Math.Max(1, right - x), Math.Max(1, bottom - y));
    }

    public BoxF ToDecoded(BoxF box) =>
        new(box.X1 / Reduction, box.Y1 / Reduction, box.X2 / Reduction, box.Y2 / Reduction);

    public PointF[] ToOriginal(IReadOnlyList<PointF> points) =>
        [.. points.Select(p => new PointF(p.X * Reduction, p.Y * Reduction))];

    public void Dispose() => Image.Dispose();
}
