using Identities.Detector.Landmarks;
using OpenCvSharp;

namespace Identities.Detector.Quality;

/// <summary>
/// Scores how usable a face is for recognition. Each part maps one measurement to 0..1; the score is
/// their geometric mean, so one bad part (blur, darkness, a face cut in half) pulls it down hard while
/// no single perfect part can hide another's failure. docs/QUALITY.md gives the formula and its figures.
/// </summary>
public static class QualityScorer
{
    // The aligned crop's centre holds the face; its border holds background or the black fill of
    // pixels outside the image.
    private static readonly Rect Centre = new(24, 28, 64, 64);

    public static FaceQuality Score(float detectionScore, IReadOnlyList<PointF> fivePoints, Mat alignedBgr)
    {
        using var grey = new Mat();
        Cv2.CvtColor(alignedBgr, grey, ColorConversionCodes.BGR2GRAY);
        using var centre = new Mat(grey, Centre);

        var interOcular = Distance(fivePoints[0], fivePoints[1]);
        var detection = DetectionPart(detectionScore);
        var size = SizePart(interOcular);
        var sharpness = SharpnessPart(LaplacianVariance(centre));
        var frontalness = FrontalnessPart(fivePoints);
        var exposure = ExposurePart(centre);
        var score = MathF.Pow(detection * size * sharpness * frontalness * exposure, 1f / 5);
        return new FaceQuality(score, detection, size, sharpness, frontalness, exposure, interOcular);
    }

    /// <summary>Scores at or under 0.5 are chance; 1.0 is certainty.</summary>
    public static float DetectionPart(float score) => Clamp01((score - 0.5f) / 0.5f);

    /// <summary>
    /// Inter-ocular distance in source pixels: the 112x112 reference has 35 px between the eyes, so a
    /// face with 40 px or more loses nothing to upscaling; under 8 px it is a smudge.
    /// </summary>
    public static float SizePart(float interOcularDistance) => Clamp01((interOcularDistance - 8f) / (40f - 8f));

    /// <summary>Variance of the Laplacian of the centre: ~10 is a blur, 150 and more is crisp (log scale between).</summary>
    public static float SharpnessPart(double laplacianVariance) =>
        Clamp01((float)((Math.Log(1 + laplacianVariance) - Math.Log(1 + 10)) / (Math.Log(1 + 150) - Math.Log(1 + 10))));

    /// <summary>
    /// Yaw from the nose's offset off the eyes' midline (in inter-ocular distances; 0 frontal), pitch from
    /// where the nose tip sits between the eye line and the mouth corners: 0.57 on average over the
    /// shared frontal portraits (0.37-0.68), so 0.1 either side costs nothing.
    /// </summary>
    public static float FrontalnessPart(IReadOnlyList<PointF> p)
    {
        var eyeMid = Mid(p[0], p[1]);
        var mouthMid = Mid(p[3], p[4]);
        var eyeX = p[1].X - p[0].X;
        var eyeY = p[1].Y - p[0].Y;
        var iod = MathF.Sqrt((eyeX * eyeX) + (eyeY * eyeY));
        if (iod < 1e-3f)
        {
            return 0;
        }
        // Unit vectors along the eye line and down the face.
        var ux = eyeX / iod;
        var uy = eyeY / iod;
        var nx = p[2].X - eyeMid.X;
        var ny = p[2].Y - eyeMid.Y;
        var mx = mouthMid.X - eyeMid.X;
        var my = mouthMid.Y - eyeMid.Y;
        var yaw = ((nx * ux) + (ny * uy)) / iod;
        var noseDown = (ny * ux) - (nx * uy);
        var mouthDown = (my * ux) - (mx * uy);
        var pitch = mouthDown > 1e-3f ? noseDown / mouthDown : 0;
        var pitchError = Math.Max(0, MathF.Abs(pitch - 0.57f) - 0.1f);
        return Clamp01(1 - (MathF.Abs(yaw) / 0.6f)) * Clamp01(1 - (pitchError / 0.3f));
    }

    /// <summary>Mean brightness far from mid-grey, or many clipped (black or white) pixels, cost exposure.</summary>
    public static float ExposurePart(Mat grey)
    {
        // An ROI is not continuous, and AsSpan needs continuous memory.
        var pixels = grey.Clone();
        try
        {
            var span = pixels.AsSpan<byte>();
            long sum = 0;
            var clipped = 0;
            foreach (var v in span)
            {
                sum += v;
                if (v <= 8 || v >= 247)
                {
                    clipped++;
                }
            }
            var mean = (float)sum / span.Length;
            var brightness = Clamp01(1 - (Math.Max(0, MathF.Abs(mean - 120) - 50) / 60));
            var clipping = Clamp01(1 - (2f * clipped / span.Length));
            return brightness * clipping;
        }
        finally
        {
            pixels.Dispose();
        }
    }

    public static double LaplacianVariance(Mat grey)
    {
        using var laplacian = new Mat();
        Cv2.Laplacian(grey, laplacian, MatType.CV_64F);
        Cv2.MeanStdDev(laplacian, out _, out var stddev);
        return stddev.Val0 * stddev.Val0;
    }

    private static float Distance(PointF a, PointF b) => MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static PointF Mid(PointF a, PointF b) => new((a.X + b.X) / 2, (a.Y + b.Y) / 2);

    private static float Clamp01(float v) => Math.Clamp(v, 0f, 1f);
}
