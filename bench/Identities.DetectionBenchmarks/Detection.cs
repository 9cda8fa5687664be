namespace Identities.DetectionBenchmarks;

/// <summary>A box the detector answered (or, in the score section, a candidate): corners in image pixels.</summary>
internal sealed record Detection(float X1, float Y1, float X2, float Y2, float Score)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    public float Size => MathF.Sqrt(Math.Max(0, Width) * Math.Max(0, Height));

    public float CentreX => (X1 + X2) / 2;

    public float CentreY => (Y1 + Y2) / 2;
}
