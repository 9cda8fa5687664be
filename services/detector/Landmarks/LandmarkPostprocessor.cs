using OpenCvSharp;

namespace Identities.Detector.Landmarks;

/// <summary>The landmark model's 68 points (0..1 of the crop) to image pixels, and the five used for alignment.</summary>
public static class LandmarkPostprocessor
{
    public const int PointCount = 68;

    public static PointF[] ToImage(ReadOnlySpan<float> output, Rect crop)
    {
        var points = new PointF[PointCount];
        for (var i = 0; i < PointCount; i++)
        {
            points[i] = new PointF(crop.X + (output[i * 2] * crop.Width), crop.Y + (output[(i * 2) + 1] * crop.Height));
        }
        return points;
    }

    /// <summary>
    /// Eye centres (mean of each eye's four lid points), nose tip, and mouth corners (outer and inner
    /// lip corner averaged), in the iBUG 68-point numbering.
    /// </summary>
    public static PointF[] FivePoints(IReadOnlyList<PointF> p) =>
    [
        Mean(p[37], p[38], p[40], p[41]),
        Mean(p[43], p[44], p[46], p[47]),
        p[30],
        Mean(p[48], p[60]),
        Mean(p[54], p[64]),
    ];

    private static PointF Mean(params ReadOnlySpan<PointF> points)
    {
        float x = 0, y = 0;
        foreach (var point in points)
        {
            x += point.X;
            y += point.Y;
        }
        return new PointF(x / points.Length, y / points.Length);
    }
}
