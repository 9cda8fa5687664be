using Microsoft.ML.OnnxRuntime;

namespace Identities.Embedder.Model;

/// <summary>One ONNX Runtime session of the embedding model, run through the OrtValue API.</summary>
public sealed class EmbeddingSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public EmbeddingSession(InferenceSession session, string provider)
    {
        _session = session;
        Provider = provider;
        var input = session.InputMetadata.Single();
        var output = session.OutputMetadata.Single();
        _inputNames = [input.Key];
        _outputNames = [output.Key];
        var shape = input.Value.Dimensions;
        if (shape.Length != 4 || shape[1] != 3)
        {
            throw new InvalidDataException($"Embedding model input must be [batch, 3, H, W], not [{string.Join(',', shape)}].");
        }
        InputHeight = shape[2];
        InputWidth = shape[3];
        Dimension = output.Value.Dimensions[^1];
    }

    public string Provider { get; }

    public int InputWidth { get; }

    public int InputHeight { get; }

    public int Dimension { get; }

    public int InputLength => 3 * InputWidth * InputHeight;

    /// <summary>Runs a batch; <paramref name="input"/> holds batch * InputLength floats.</summary>
    public float[][] Run(float[] input, int batch)
    {
        long[] shape = [batch, 3, InputHeight, InputWidth];
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, batch * InputLength), shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, _inputNames, [inputValue], _outputNames);
        return EmbeddingPostprocessor.Normalize(outputs[0].GetTensorDataAsSpan<float>(), batch, Dimension);
    }

    public void Dispose() => _session.Dispose();
}
