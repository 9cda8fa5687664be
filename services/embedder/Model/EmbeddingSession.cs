using Identities.Inference;

namespace Identities.Embedder.Model;

/// <summary>The embedding model's session: [batch, 3, H, W] in, [batch, D] L2-normalised vectors out.</summary>
public sealed class EmbeddingSession : IDisposable
{
    private readonly ModelSession _session;

    public EmbeddingSession(ModelSession session)
    {
        _session = session;
        var shape = session.InputShape;
        if (shape.Length != 4 || shape[1] != 3 || session.OutputShapes.Count != 1)
        {
            throw new InvalidDataException($"Embedding model input must be [batch, 3, H, W] with one output, not [{string.Join(',', shape)}].");
        }
        InputHeight = shape[2];
        InputWidth = shape[3];
        Dimension = session.OutputShapes[0][^1];
    }

    public string Provider => _session.Provider;

    public int InputWidth { get; }

    public int InputHeight { get; }

    public int Dimension { get; }

    public int InputLength => 3 * InputWidth * InputHeight;

    /// <summary>Runs a batch; <paramref name="input"/> holds at least batch * InputLength floats.</summary>
    public float[][] Run(float[] input, int batch)
    {
        using var outputs = _session.Run(input.AsMemory(0, batch * InputLength), [batch, 3, InputHeight, InputWidth]);
        return EmbeddingPostprocessor.Normalize(outputs[0].GetTensorDataAsSpan<float>(), batch, Dimension);
    }

    public void Dispose() => _session.Dispose();
}
