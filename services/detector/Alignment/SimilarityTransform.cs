using Identities.Detector.Landmarks;

namespace Identities.Detector.Alignment;

/// <summary>
/// A 2D similarity (rotation, uniform scale, translation) as the 2x3 matrix [a -b tx; b a ty].
/// Five points fix it better than three: a 3-point affine also shears the face to fit noisy points.
/// </summary>
public readonly record struct SimilarityTransform(double A, double B, double Tx, double Ty)
{
    /// <summary>Least-squares fit mapping <paramref name="source"/> onto <paramref name="target"/> (Umeyama, no reflection).</summary>
    public static SimilarityTransform Estimate(IReadOnlyList<PointF> source, IReadOnlyList<PointF> target)
    {
        if (source.Count != target.Count || source.Count < 2)
        {
            throw new ArgumentException("Need at least two matching point pairs.");
        }
        double sx = 0, sy = 0, tx = 0, ty = 0;
        for (var i = 0; i < source.Count; i++)
        {
            sx += source[i].X;
            sy += source[i].Y;
            tx += target[i].X;
            ty += target[i].Y;
        }
        var n = source.Count;
        sx /= n;
        sy /= n;
        tx /= n;
        ty /= n;

        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            var px = source[i].X - sx;
            var py = source[i].Y - sy;
            var qx = target[i].X - tx;
            var qy = target[i].Y - ty;
            dot += (px * qx) + (py * qy);
            cross += (px * qy) - (py * qx);
            norm += (px * px) + (py * py);
        }
        if (norm < 1e-9)
        {
            throw new ArgumentException("Source points coincide.");
        }
        var a = dot / norm;
        var b = cross / norm;
        return new SimilarityTransform(a, b, tx - ((a * sx) - (b * sy)), ty - ((b * sx) + (a * sy)));
    }

    public PointF Apply(PointF p) =>
        new((float)((A * p.X) - (B * p.Y) + Tx), (float)((B * p.X) + (A * p.Y) + Ty));

    public double[] ToMatrix() => [A, -B, Tx, B, A, Ty];
}
