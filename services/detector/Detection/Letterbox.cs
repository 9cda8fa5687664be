namespace Identities.Detector.Detection;

/// <summary>
/// How a region of the image was scaled (aspect ratio kept) into the top-left of the model's input,
/// and the way back from model pixels to image pixels.
/// </summary>
public readonly record struct Letterbox(float RegionX, float RegionY, float Scale)
{
    public float ToImageX(float modelX) => RegionX + (modelX / Scale);

    public float ToImageY(float modelY) => RegionY + (modelY / Scale);

    /// <summary>The same letterbox in the pixels of an image <paramref name="factor"/> times larger (the original of a reduced decode).</summary>
    public Letterbox Enlarged(int factor) => new(RegionX * factor, RegionY * factor, Scale / factor);
}
