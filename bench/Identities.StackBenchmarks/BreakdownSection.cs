using System.Diagnostics;
using Google.Protobuf;
using Identities.BenchCommon;
using Identities.Detector.V1;
using Identities.Embedder.V1;
using Identities.Registry.V1;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.StackBenchmarks;

/// <summary>
/// Where a faceDetect's time goes, one call at a time: the in-process pipeline stage by stage, each worker
/// called directly over gRPC with the same input, and the whole request through the gateway. Differences
/// between a stage in process and the same stage over gRPC are that hop's cost (serialisation, HTTP/2, copies).
/// </summary>
internal static class BreakdownSection
{
    public static async Task RunAsync(BenchRun run)
    {
        var photos = run.Photos;
        var calls = run.Settings.BreakdownCalls;
        run.Line($"## 2. Where the time goes (faceDetect, one call at a time, {calls} calls over the {photos.Count} photos, every path interleaved per photo)");
        run.Line();
        var local = new StageTimes();
        var grpc = new StageTimes();
        var decode = new LatencySamples();
        var gateway = new LatencySamples();
        var faces = 0;
        var probe = new CpuProbe(run.StackPids);
        for (var i = -5; i < calls; i++)
        {
            var warm = i < 0;
            var p = ((i % photos.Count) + photos.Count) % photos.Count;
            var started = Stopwatch.GetTimestamp();
            var failure = await run.Gateway.DetectAsync(photos.DetectBodies[p]);
            if (failure is not null)
            {
                throw new InvalidOperationException($"faceDetect failed on {photos.Names[p]}: {failure}");
            }
            var gatewayMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            await run.InProcess.DetectAsync(photos.DetectBodies[p], warm ? null : local);
            started = Stopwatch.GetTimestamp();
            run.InProcess.Decode(photos.Bytes[p]);
            var decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = Stopwatch.GetTimestamp();
            var detected = await run.Detector.DetectAsync(new DetectRequest { Image = UnsafeByteOperations.UnsafeWrap(photos.Bytes[p]) });
            var detectMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var embedMs = 0.0;
            var searchMs = 0.0;
            if (detected.Faces.Count > 0)
            {
                var embed = new EmbedRequest();
                embed.Faces.AddRange(detected.Faces.Select(f => new FaceCrop { Width = f.Aligned.Width, Height = f.Aligned.Height, Rgb = f.Aligned.Rgb }));
                started = Stopwatch.GetTimestamp();
                var embedded = await run.Embedder.EmbedAsync(embed);
                embedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var search = new SearchBatchRequest { ModelId = embedded.ModelId, K = 1, MinScore = run.InProcess.MinCosine };
                search.Queries.AddRange(embedded.Embeddings.Select(e => new SearchQuery { Vector = { e.Values } }));
                started = Stopwatch.GetTimestamp();
                await run.Registry.SearchBatchAsync(search);
                searchMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            if (warm)
            {
                continue;
            }
            faces += detected.Faces.Count;
            gateway.Add(gatewayMs);
            decode.Add(decodeMs);
            grpc.Add(InProcessPipeline.DetectStage, detectMs);
            grpc.Add(InProcessPipeline.EmbedStage, embedMs);
            grpc.Add(InProcessPipeline.SearchStage, searchMs);
        }

        var table = new MarkdownTable("stage", "in-process mean ms", "worker over gRPC mean ms", "hop cost ms").AlignLeft(0);
        var localTotal = 0.0;
        foreach (var (stage, samples) in local.Stages)
        {
            localTotal += samples.Mean;
            var remote = grpc.Stages.FirstOrDefault(s => s.Stage == stage).Samples;
            table.Add(stage, Ms(samples.Mean), remote is null ? "-" : Ms(remote.Mean), remote is null ? "-" : Ms(remote.Mean - samples.Mean));
            run.Report.Breakdown.Add(new StageRow(stage, samples.Mean, remote?.Mean, remote is null ? null : remote.Mean - samples.Mean));
            if (stage.StartsWith("decode", StringComparison.Ordinal))
            {
                table.Add("  of which JPEG/PNG decode (timed apart)", Ms(decode.Mean), "-", "-");
                run.Report.Breakdown.Add(new StageRow("of which decode", decode.Mean, null, null));
            }
        }
        table.Add("**whole faceDetect**", Ms(localTotal), $"{Ms(gateway.Mean)} (through the gateway, HTTPS)", Ms(gateway.Mean - localTotal));
        run.Report.Breakdown.Add(new StageRow("whole faceDetect", localTotal, gateway.Mean, gateway.Mean - localTotal));
        table.Write(run.Output);
        run.Line($"{faces} faces in {calls} calls ({(double)faces / calls:F2} per image). Gateway p50 {Ms(gateway.P50)} ms, p99 {Ms(gateway.P99)} ms. " +
            "The last row's hop cost is everything the split adds to one request: TLS, the JSON body read and base64 decode in the gateway, " +
            "auth, three gRPC calls (image in, crops out, crops in, vectors out, vectors in), and the answer's JSON.");
        run.Line(probe.Describe("Section 2"));
        run.Line();
    }
}
