namespace Identities.Client;

/// <summary>A facial landmark in image pixels.</summary>
public sealed class LandmarkPoint
{
    /// <summary>From the left edge.</summary>
    public float X { get; init; }

    /// <summary>From the top edge.</summary>
    public float Y { get; init; }
}
