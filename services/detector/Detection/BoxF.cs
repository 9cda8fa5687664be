namespace Identities.Detector.Detection;

/// <summary>An axis-aligned box by its corners, in image pixels.</summary>
public readonly record struct BoxF(float X1, float Y1, float X2, float Y2)
{
    public float Width => X2 - X1;

    public float Height => Y2 - Y1;

    public float Area => Math.Max(0, Width) * Math.Max(0, Height);

    public float IntersectionArea(BoxF other)
    {
        var w = Math.Min(X2, other.X2) - Math.Max(X1, other.X1);
        var h = Math.Min(Y2, other.Y2) - Math.Max(Y1, other.Y1);
        return w > 0 && h > 0 ? w * h : 0;
    }

    public float IntersectionOverUnion(BoxF other)
    {
        var intersection = IntersectionArea(other);
        var union = Area + other.Area - intersection;
        return union > 0 ? intersection / union : 0;
    }

    /// <summary>Share of the smaller box covered by the other: catches a partial face inside a whole one.</summary>
    public float IntersectionOverSmaller(BoxF other)
    {
        var smaller = Math.Min(Area, other.Area);
        return smaller > 0 ? IntersectionArea(other) / smaller : 0;
    }
}
