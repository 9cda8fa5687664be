using Identities.Inference;

namespace Identities.Detector.Detection;

/// <summary>The detection model's session: [1, 3, H, W] in; `scores` [1, N, 2] and `boxes` [1, N, 4] out.</summary>
public sealed class DetectionSession : IDisposable
{
    private readonly ModelSession _session;
    private readonly int _scoresIndex;
    private readonly int _boxesIndex;

    public DetectionSession(ModelSession session)
    {
        _session = session;
        var shape = session.InputShape;
        if (shape.Length != 4 || shape[1] != 3 || shape[2] <= 0 || shape[3] <= 0)
        {
            throw new InvalidDataException($"Detection model input must be [1, 3, H, W], not [{string.Join(',', shape)}].");
        }
        InputHeight = shape[2];
        InputWidth = shape[3];
        _scoresIndex = session.OutputIndex("scores");
        _boxesIndex = session.OutputIndex("boxes");
    }

    public int InputWidth { get; }

    public int InputHeight { get; }

    public int InputLength => 3 * InputWidth * InputHeight;

    /// <summary>Runs one input; returns copies of the scores and boxes.</summary>
    public (float[] Scores, float[] Boxes) Run(float[] input)
    {
        using var outputs = _session.Run(input.AsMemory(0, InputLength), [1, 3, InputHeight, InputWidth]);
        return (outputs[_scoresIndex].GetTensorDataAsSpan<float>().ToArray(), outputs[_boxesIndex].GetTensorDataAsSpan<float>().ToArray());
    }

    public void Dispose() => _session.Dispose();
}
