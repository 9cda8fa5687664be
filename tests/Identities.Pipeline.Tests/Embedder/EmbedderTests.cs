using System.Diagnostics.Metrics;
using Google.Protobuf;
using Grpc.Core;
using Identities.Embedder;
using Identities.Embedder.Grpc;
using Identities.Embedder.V1;
using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Identities.Pipeline.Tests.Embedder;

/// <summary>The embedder worker over gRPC with the real model: vectors, batching and bad input.</summary>
public sealed class EmbedderTests : IAsyncLifetime
{
    // A long batch window so that concurrent callers certainly meet in one model run.
    private readonly WorkerFactory<FaceEmbedderService> _host = new(new Dictionary<string, string?>
    {
        ["Embedder:MaxBatchWaitMilliseconds"] = "50",
        ["Embedder:MaxBatchSize"] = "16",
    });

    private FaceEmbedder.FaceEmbedderClient _client = null!;

    public async Task InitializeAsync() => _client = new FaceEmbedder.FaceEmbedderClient(await _host.StartServingAsync(TimeSpan.FromMinutes(2)));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Embed_OneCrop_ReturnsUnitVectorOfModelDimensionWithModelId()
    {
        var response = await _client.EmbedAsync(Request(Crop(1)));
        var model = await _client.GetModelAsync(new GetModelRequest());

        Assert.Equal(512, model.Dimension);
        Assert.Equal(112, model.InputWidth);
        Assert.StartsWith("fr_feature-", model.ModelId, StringComparison.Ordinal);
        Assert.Equal(model.ModelId, response.ModelId);
        var vector = Assert.Single(response.Embeddings).Values;
        Assert.Equal(512, vector.Count);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 4);
    }

    [Fact]
    public async Task Embed_CropsInOneBatch_EqualEachEmbeddedAlone()
    {
        var crops = Enumerable.Range(1, 5).Select(Crop).ToArray();
        var together = await _client.EmbedAsync(Request(crops));
        for (var i = 0; i < crops.Length; i++)
        {
            var alone = await _client.EmbedAsync(Request(crops[i]));
            var cosine = Vectors.Cosine([.. together.Embeddings[i].Values], [.. alone.Embeddings[0].Values]);
            Assert.True(cosine > 0.9999f, $"crop {i}: batched and alone differ (cosine {cosine})");
        }
    }

    [Fact]
    public async Task Embed_ConcurrentCallers_AreCoalescedIntoSharedModelRuns()
    {
        // Other test classes run embedders in parallel in this process: listen to this host's meters only.
        var meterFactory = _host.Services.GetRequiredService<IMeterFactory>();
        var batchSizes = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && instrument.Meter.Name == EmbedderMetrics.MeterName && instrument.Name == "identities.embedder.batch_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) => { lock (batchSizes) { batchSizes.Add(size); } });
        listener.Start();

        var calls = Enumerable.Range(1, 12).Select(i => _client.EmbedAsync(Request(Crop(i))).ResponseAsync).ToArray();
        await Task.WhenAll(calls);

        lock (batchSizes)
        {
            Assert.Equal(12, batchSizes.Sum());
            Assert.True(batchSizes.Max() > 1, $"every caller ran alone: batches {string.Join(",", batchSizes)}");
        }
    }

    [Fact]
    public async Task Embed_OneCallerSendsABadCrop_OnlyThatCallerFails()
    {
        var good = Enumerable.Range(1, 6).Select(i => _client.EmbedAsync(Request(Crop(i))).ResponseAsync).ToArray();
        var bad = _client.EmbedAsync(Request(new FaceCrop { Width = 112, Height = 112, Rgb = ByteString.CopyFrom(new byte[100]) })).ResponseAsync;

        var ex = await Assert.ThrowsAsync<RpcException>(() => bad);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.All(await Task.WhenAll(good), r => Assert.Single(r.Embeddings));
    }

    [Fact]
    public async Task Embed_CropOfWrongSize_IsInvalidArgumentNamingTheCrop()
    {
        var crop = new FaceCrop { Width = 64, Height = 64, Rgb = ByteString.CopyFrom(new byte[64 * 64 * 3]) };
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, async () => await _client.EmbedAsync(Request(Crop(1), crop)));
        var violation = Assert.Single(status!.GetDetail<Google.Rpc.BadRequest>().FieldViolations);
        Assert.Equal("faces[1]", violation.Field);
    }

    [Fact]
    public async Task Embed_NoCrops_IsInvalidArgument()
    {
        await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, async () => await _client.EmbedAsync(new EmbedRequest()));
    }

    [Fact]
    public async Task Embed_DeadlineAlreadyPassed_IsDeadlineExceeded()
    {
        await RpcAssert.FailsWithAsync(StatusCode.DeadlineExceeded,
            async () => await _client.EmbedAsync(Request(Crop(1)), deadline: DateTime.UtcNow.AddMilliseconds(-1)));
    }

    private static EmbedRequest Request(params FaceCrop[] crops)
    {
        var request = new EmbedRequest();
        request.Faces.AddRange(crops);
        return request;
    }

    /// <summary>A deterministic textured crop; different seeds give different vectors.</summary>
    private static FaceCrop Crop(int seed)
    {
        var rgb = new byte[112 * 112 * 3];
        new Random(seed).NextBytes(rgb);
        return new FaceCrop { Width = 112, Height = 112, Rgb = ByteString.CopyFrom(rgb) };
    }
}
