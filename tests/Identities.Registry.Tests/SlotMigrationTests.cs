using System.Collections.Concurrent;
using System.Globalization;
using Identities.Registry.Storage;

namespace Identities.Registry.Tests;

/// <summary>
/// Moving a shard between nodes is Redis Cluster's own slot migration (CLUSTER SETSLOT IMPORTING/MIGRATING, MIGRATE,
/// SETSLOT NODE: what `redis-cli --cluster reshard` does per slot): while it runs, searches and enrollments go on
/// with nothing lost and no error (MOVED/ASK are followed, TRYAGAIN and a second redirection retried).
/// </summary>
public sealed class SlotMigrationTests
{
    [Fact]
    public async Task Search_AndEnrollFace_WhileTheirShardsSlotMigrates_NothingLostNoError()
    {
        await using var cluster = await RedisCluster.StartAsync();
        await using var host = RegistryHost.Start(cluster, new Dictionary<string, string?> { ["Registry:OperationTimeoutMilliseconds"] = "30000" });
        var enrolled = new ConcurrentBag<(string FaceId, float[] Vector)>();
        var errors = new ConcurrentBag<string>();
        var counter = 0;
        async Task EnrollAsync()
        {
            var i = Interlocked.Increment(ref counter);
            var vector = TestVectors.RandomUnit(new Random(2000 + i));
            try
            {
                enrolled.Add(((await host.Client.EnrollFaceAsync(TestVectors.NewPerson(vector, reference: $"move-{i}"))).FaceId, vector));
            }
            catch (RpcException ex)
            {
                errors.Add($"enroll: {ex.StatusCode} {ex.Status.Detail}");
            }
        }
        for (var i = 0; i < 60; i++)
        {
            await EnrollAsync();
        }

        // Shard 0's slot, its master, and another master to move it to.
        var slot = Shards.HashSlot(Shards.Tag(0, host.Keys.Shards));
        var nodes = await MastersAsync(cluster);
        var source = nodes.Single(n => n.Slots.Any(r => r.From <= slot && slot <= r.To));
        var target = nodes.First(n => n.Id != source.Id);
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            while (!stop.IsCancellationRequested)
            {
                await EnrollAsync();
                var sample = enrolled.ElementAt(random.Next(enrolled.Count));
                try
                {
                    var match = (await host.Client.SearchAsync(new SearchRequest { Vector = { sample.Vector }, ModelId = TestVectors.Model, K = 1 })).Matches[0];
                    if (match.FaceId != sample.FaceId)
                    {
                        errors.Add($"search: found {match.FaceId}, not {sample.FaceId}");
                    }
                }
                catch (RpcException ex)
                {
                    errors.Add($"search: {ex.StatusCode} {ex.Status.Detail}");
                }
            }
        })).ToArray();

        await Task.Delay(300);
        var s = slot.ToString(CultureInfo.InvariantCulture);
        await cluster.CliAsync(target.Port, "CLUSTER", "SETSLOT", s, "IMPORTING", source.Id);
        await cluster.CliAsync(source.Port, "CLUSTER", "SETSLOT", s, "MIGRATING", target.Id);
        while (true)
        {
            var keys = (await cluster.CliAsync(source.Port, "CLUSTER", "GETKEYSINSLOT", s, "5")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (keys.Length == 0)
            {
                break;
            }
            await cluster.CliAsync(source.Port, ["MIGRATE", "127.0.0.1", target.Port.ToString(CultureInfo.InvariantCulture), "", "0", "5000", "KEYS", .. keys]);
            await Task.Delay(50); // let the load run between batches, as a large migration would
        }
        // The new owner is set on the source first and on the target a moment later (redis-cli does the target
        // first): in between, the source says MOVED to the target and the target, still importing, MOVED back.
        // Commands must wait that out, not fail.
        await cluster.CliAsync(source.Port, "CLUSTER", "SETSLOT", s, "NODE", target.Id);
        await Task.Delay(300);
        foreach (var node in nodes.Where(n => n.Id != source.Id))
        {
            await cluster.CliAsync(node.Port, "CLUSTER", "SETSLOT", s, "NODE", target.Id);
        }
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(errors.IsEmpty, string.Join("\n", errors.Take(10)));
        Assert.Contains(s, await cluster.CliAsync(target.Port, "CLUSTER", "SHARDS"), StringComparison.Ordinal);
        Assert.Equal("0", (await cluster.CliAsync(source.Port, "CLUSTER", "COUNTKEYSINSLOT", s)).Trim());
        Assert.Equal(enrolled.Count, await host.VectorCountAsync(TestVectors.Model));
        foreach (var (faceId, vector) in enrolled)
        {
            Assert.Equal(faceId, (await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model, K = 1 })).Matches[0].FaceId);
        }
    }

    private sealed record Master(string Id, int Port, IReadOnlyList<(int From, int To)> Slots);

    /// <summary>The masters and their slot ranges, from CLUSTER NODES.</summary>
    private static async Task<IReadOnlyList<Master>> MastersAsync(RedisCluster cluster)
    {
        var lines = (await cluster.CliAsync(cluster.Ports[0], "CLUSTER", "NODES")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(l => l.Split(' ')).Where(f => f[2].Contains("master", StringComparison.Ordinal)).Select(f => new Master(
            f[0],
            int.Parse(f[1].Split(':')[1].Split('@')[0], CultureInfo.InvariantCulture),
            [.. f.Skip(8).Where(r => !r.StartsWith('[')).Select(r => r.Split('-')).Select(r => (int.Parse(r[0], CultureInfo.InvariantCulture), int.Parse(r[^1], CultureInfo.InvariantCulture)))]))];
    }
}
