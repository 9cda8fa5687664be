using Google.Protobuf;

namespace Identities.Embedder.Onnx;

/// <summary>
/// Makes an embedding model with a batch dimension fixed to 1 accept any batch: the graph's input and
/// output batch dims become symbolic, and a Reshape to [1, -1] becomes [-1, D]. fr_feature.onnx ships
/// fixed to batch 1; batching is worth 17x on a GPU. A model that is already dynamic passes unchanged.
/// </summary>
public static class DynamicBatchPatcher
{
    private const string BatchDimName = "batch";
    private const int Int64DataType = 7;

    public static byte[] Patch(byte[] modelBytes)
    {
        var model = ModelProto.Parser.ParseFrom(modelBytes);
        var graph = model.Graph ?? throw new InvalidDataException("The ONNX model has no graph.");

        var outputDim = FeatureDimension(graph);
        var changed = false;
        foreach (var value in graph.Input.Concat(graph.Output))
        {
            changed |= MakeBatchSymbolic(value);
        }

        foreach (var reshape in graph.Node.Where(n => n.OpType == "Reshape" && n.Input.Count == 2))
        {
            var target = FindConstant(graph, reshape.Input[1]);
            if (target is not null && IsFixedBatchTarget(target))
            {
                SetInt64Values(target, [-1, outputDim]);
                changed = true;
            }
        }

        if (!changed)
        {
            return modelBytes;
        }

        // Intermediate shapes recorded for batch 1 would contradict the new batch; ORT infers them again.
        graph.ValueInfo.Clear();
        return model.ToByteArray();
    }

    private static long FeatureDimension(GraphProto graph)
    {
        var dims = graph.Output.FirstOrDefault()?.Type?.TensorType?.Shape?.Dim;
        if (dims is not { Count: 2 } || !dims[1].HasDimValue)
        {
            throw new InvalidDataException("The embedding model's output must be [batch, dimension].");
        }
        return dims[1].DimValue;
    }

    private static bool MakeBatchSymbolic(ValueInfoProto value)
    {
        var dims = value.Type?.TensorType?.Shape?.Dim;
        if (dims is not { Count: > 0 } || !dims[0].HasDimValue)
        {
            return false;
        }
        dims[0].DimParam = BatchDimName;
        return true;
    }

    private static TensorProto? FindConstant(GraphProto graph, string name)
    {
        var initializer = graph.Initializer.FirstOrDefault(t => t.Name == name);
        if (initializer is not null)
        {
            return initializer;
        }
        var constant = graph.Node.FirstOrDefault(n => n.OpType == "Constant" && n.Output.Contains(name));
        return constant?.Attribute.FirstOrDefault(a => a.Name == "value")?.T;
    }

    private static bool IsFixedBatchTarget(TensorProto tensor)
    {
        var values = Int64Values(tensor);
        return values is [1, _];
    }

    private static long[] Int64Values(TensorProto tensor)
    {
        if (tensor.DataType != Int64DataType)
        {
            return [];
        }
        if (tensor.Int64Data.Count > 0)
        {
            return [.. tensor.Int64Data];
        }
        var raw = tensor.RawData.Span;
        var values = new long[raw.Length / sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.ToInt64(raw.Slice(i * sizeof(long), sizeof(long)));
        }
        return values;
    }

    private static void SetInt64Values(TensorProto tensor, long[] values)
    {
        tensor.Int64Data.Clear();
        var raw = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(raw.AsSpan(i * sizeof(long)), values[i]);
        }
        tensor.RawData = ByteString.CopyFrom(raw);
        tensor.Dims.Clear();
        tensor.Dims.Add(values.Length);
    }
}
