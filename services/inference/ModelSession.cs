using Microsoft.ML.OnnxRuntime;

namespace Identities.Inference;

/// <summary>
/// One ONNX Runtime session with a single float input, run through the OrtValue API on caller-owned
/// buffers (no copies into NamedOnnxValue). Safe to run from several threads at once.
/// </summary>
public sealed class ModelSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public ModelSession(InferenceSession session, string provider)
    {
        _session = session;
        Provider = provider;
        var input = session.InputMetadata.Single();
        _inputNames = [input.Key];
        InputShape = input.Value.Dimensions;
        _outputNames = [.. session.OutputMetadata.Keys];
        OutputShapes = [.. session.OutputMetadata.Values.Select(v => v.Dimensions)];
    }

    /// <summary>CUDA or CPU: where this session actually runs.</summary>
    public string Provider { get; }

    /// <summary>Declared input dims; -1 marks a symbolic (dynamic) one.</summary>
    public int[] InputShape { get; }

    public IReadOnlyList<string> OutputNames => _outputNames;

    public IReadOnlyList<int[]> OutputShapes { get; }

    /// <summary>Runs the model; the caller disposes the returned outputs, in OutputNames order.</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(Memory<float> input, long[] shape)
    {
        using var inputValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape);
        using var runOptions = new RunOptions();
        return _session.Run(runOptions, _inputNames, [inputValue], _outputNames);
    }

    public int OutputIndex(string name)
    {
        var index = Array.IndexOf(_outputNames, name);
        return index >= 0 ? index : throw new InvalidDataException($"The model has no output named '{name}'.");
    }

    public void Dispose() => _session.Dispose();
}
