using Identities.Inference;

namespace Identities.Detector.Landmarks;

/// <summary>The landmark model's session: [1, 1, 64, 64] in, 68 (x, y) pairs out.</summary>
public sealed class LandmarkSession(ModelSession session) : IDisposable
{
    public const int InputLength = LandmarkPreprocessor.InputSize * LandmarkPreprocessor.InputSize;

    public float[] Run(float[] input)
    {
        using var outputs = session.Run(input.AsMemory(0, InputLength), [1, 1, LandmarkPreprocessor.InputSize, LandmarkPreprocessor.InputSize]);
        var points = outputs[0].GetTensorDataAsSpan<float>();
        if (points.Length < LandmarkPostprocessor.PointCount * 2)
        {
            throw new InvalidDataException($"The landmark model returned {points.Length} values; 136 expected.");
        }
        return points.ToArray();
    }

    public void Dispose() => session.Dispose();
}
