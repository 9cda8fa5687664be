namespace Identities.Client;

/// <summary>An enrolled face's box in the pixels of its photo.</summary>
public sealed class FaceBox
{
    /// <summary>Left edge.</summary>
    public double X { get; init; }

    /// <summary>Top edge.</summary>
    public double Y { get; init; }

    /// <summary>Width.</summary>
    public double Width { get; init; }

    /// <summary>Height.</summary>
    public double Height { get; init; }
}
