namespace Identities.Embedder.Model;

/// <summary>Packed RGB crops to the model's planar input, (x - 127) / 128 as the model was trained.</summary>
public static class EmbeddingPreprocessor
{
    public static void Fill(ReadOnlySpan<byte> rgb, int width, int height, Span<float> destination)
    {
        var plane = width * height;
        if (rgb.Length != plane * 3 || destination.Length != plane * 3)
        {
            throw new ArgumentException($"Expected {plane * 3} RGB bytes for a {width}x{height} crop.");
        }

        for (var i = 0; i < plane; i++)
        {
            destination[i] = (rgb[i * 3] - 127f) / 128f;
            destination[plane + i] = (rgb[(i * 3) + 1] - 127f) / 128f;
            destination[(2 * plane) + i] = (rgb[(i * 3) + 2] - 127f) / 128f;
        }
    }
}
