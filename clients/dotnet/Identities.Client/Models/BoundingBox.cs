namespace Identities.Client;

/// <summary>A face's box in image pixels.</summary>
public sealed class BoundingBox
{
    /// <summary>Left edge.</summary>
    public int X { get; init; }

    /// <summary>Top edge.</summary>
    public int Y { get; init; }

    /// <summary>Width.</summary>
    public int Width { get; init; }

    /// <summary>Height.</summary>
    public int Height { get; init; }
}
