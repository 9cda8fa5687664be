using System.Diagnostics;
using System.Globalization;
using Identities.Embedder;
using Identities.Embedder.Model;

namespace Identities.Benchmarks;

/// <summary>
/// Section 2: EmbeddingSession.Run on the batch-patched model, one caller, per batch size and thread
/// setting. Inputs are real aligned crops from the shared photos.
/// </summary>
internal sealed class EmbedderThroughputBenchmark(BenchEnvironment env, IReadOnlyList<byte[]> crops)
{
    public void Run(TextWriter output)
    {
        var settings = env.Settings;
        var configs = settings.ThroughputThreads;
        var results = new Dictionary<(int Threads, bool Spinning, int Batch), (Samples Ms, double FacesPerSecond)>();
        foreach (var (threads, spinning) in configs)
        {
            using var model = BenchEnvironment.LoadEmbeddingModel(env.Inference(threads, spinning), new EmbedderOptions());
            var session = model.Session;
            var maxBatch = settings.BatchSizes.Max();
            var input = new float[maxBatch * session.InputLength];
            for (var i = 0; i < maxBatch; i++)
            {
                EmbeddingPreprocessor.Fill(crops[i % crops.Count], session.InputWidth, session.InputHeight,
                    input.AsSpan(i * session.InputLength, session.InputLength));
            }
            foreach (var batch in settings.BatchSizes)
            {
                results[(threads, spinning, batch)] = Measure(session, input, batch);
            }
        }

        output.WriteLine("### 2. Embedder throughput by batch size (EmbeddingSession.Run, one caller, batch-patched fr_feature.onnx)");
        output.WriteLine();
        var headers = new List<string> { "Batch" };
        foreach (var (threads, spinning) in configs)
        {
            var label = $"{threads}T{(spinning ? " spin" : "")}";
            headers.AddRange([$"{label} ms/run (median)", $"{label} ms/face", $"{label} faces/s"]);
        }
        var table = new MarkdownTable([.. headers]);
        foreach (var batch in settings.BatchSizes)
        {
            var row = new List<string> { batch.ToString(CultureInfo.InvariantCulture) };
            foreach (var (threads, spinning) in configs)
            {
                var (ms, facesPerSecond) = results[(threads, spinning, batch)];
                row.AddRange([MarkdownTable.Ms(ms.Median), MarkdownTable.Ms(ms.Median / batch), MarkdownTable.Number(facesPerSecond, 0)]);
            }
            table.Add([.. row]);
        }
        table.Write(output);
        output.WriteLine("nT = IntraOpThreads n; spin = session.intra_op.allow_spinning on (off otherwise). faces/s = faces / total measured time.");
        output.WriteLine();
    }

    private (Samples Ms, double FacesPerSecond) Measure(EmbeddingSession session, float[] input, int batch)
    {
        // The first runs at a new batch size allocate its buffers.
        session.Run(input, batch);
        session.Run(input, batch);
        var ms = new Samples();
        var budget = env.Settings.ThroughputBudget.TotalMilliseconds;
        var started = Stopwatch.GetTimestamp();
        while (ms.Count < env.Settings.ThroughputMinRuns || Samples.Milliseconds(started, Stopwatch.GetTimestamp()) < budget)
        {
            var t0 = Stopwatch.GetTimestamp();
            session.Run(input, batch);
            ms.AddElapsed(t0, Stopwatch.GetTimestamp());
        }
        return (ms, ms.Count * batch * 1000.0 / ms.Sum);
    }
}
