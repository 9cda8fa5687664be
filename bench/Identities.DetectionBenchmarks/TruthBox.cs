namespace Identities.DetectionBenchmarks;

/// <summary>One face of the ground truth, in image pixels; an ignored face may be found or not (too small, cut or hidden to judge).</summary>
internal sealed record TruthBox(float X, float Y, float Width, float Height, bool Ignore)
{
    public float Right => X + Width;

    public float Bottom => Y + Height;

    /// <summary>Face size for the size buckets: the geometric mean of the box's sides.</summary>
    public float Size => MathF.Sqrt(Width * Height);

    public bool Contains(float x, float y) => x >= X && x <= Right && y >= Y && y <= Bottom;
}
