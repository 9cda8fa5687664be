using System.Collections.Concurrent;
using System.Diagnostics;
using Identities.Registry.Storage;

namespace Identities.Registry.Tests;

/// <summary>
/// A 3-master, 3-replica cluster loses a master to SIGKILL while enrollments run: the cluster fails over, every
/// acknowledged face, vector and reference is there afterwards, the registry serves again without a restart, and no
/// caller got a wrong answer or left a half write.
/// </summary>
public sealed class FailoverTests
{
    [Fact]
    public async Task EnrollFace_MasterKilledUnderLoad_EveryAcknowledgedEnrollmentSurvivesAndServiceResumes()
    {
        await using var cluster = await RedisCluster.StartAsync(nodeTimeoutMilliseconds: 2000);
        await using var host = RegistryHost.Start(cluster, new Dictionary<string, string?> { ["Registry:AofReplicas"] = "1" });
        Assert.True((await host.ReadinessAsync()).IsSuccessStatusCode, await host.ReadinessReportAsync());
        var acknowledged = new ConcurrentBag<(string Reference, string FaceId, string PersonId, float[] Vector)>();
        var afterKill = new ConcurrentBag<string>();
        var killed = false;
        var failed = new ConcurrentBag<(string Reference, StatusCode Code, string? Reason)>();
        using var stop = new CancellationTokenSource();
        var counter = 0;

        async Task EnrollLoopAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref counter);
                var vector = TestVectors.RandomUnit(new Random(1000 + i));
                var reference = $"failover-{i}";
                try
                {
                    var result = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(vector, reference: reference));
                    acknowledged.Add((reference, result.FaceId, result.PersonId, vector));
                    if (Volatile.Read(ref killed))
                    {
                        afterKill.Add(result.PersonId);
                    }
                }
                catch (RpcException ex)
                {
                    failed.Add((reference, ex.StatusCode, RpcAssert.Reason(ex.GetRpcStatus())));
                    await Task.Delay(50);
                }
            }
        }

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(EnrollLoopAsync)).ToArray();
        while (acknowledged.Count < 40)
        {
            await Task.Delay(20);
        }
        // The first master (redis-cli --cluster create makes the first three masters) serves slots 0-5460: the shards
        // whose tags hash there are the ones that must come back.
        var killedShards = Enumerable.Range(0, host.Keys.Shards).Where(s => Shards.HashSlot(Shards.Tag(s, host.Keys.Shards)) <= 5460).ToHashSet();
        bool ServedAgain() => afterKill.Any(p => killedShards.Contains(host.Keys.ShardOf(p)));
        var killedAt = acknowledged.Count;
        cluster.Kill(cluster.Ports[0]);
        Volatile.Write(ref killed, true);
        var watch = Stopwatch.StartNew();
        // Enrollments go on through the failover until the killed master's shards take enrollments again.
        while (!ServedAgain() && watch.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(100);
        }
        var failover = watch.Elapsed;
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.True(ServedAgain(), $"the killed master's shards did not take enrollments again ({acknowledged.Count - killedAt} after the kill in {failover}); " +
            string.Join("; ", failed.GroupBy(f => f.Reason).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.All(failed, f => Assert.Equal(StatusCode.Unavailable, f.Code));
        foreach (var (reference, faceId, personId, vector) in acknowledged)
        {
            var check = await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = reference });
            Assert.True(check.Exists, $"acknowledged reference {reference} lost");
            Assert.Equal(faceId, check.FaceId);
            Assert.Contains((await host.Client.ListFacesAsync(new ListFacesRequest { PersonId = personId })).Faces, f => f.FaceId == faceId);
            var match = (await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model, K = 1 })).Matches[0];
            Assert.Equal(faceId, match.FaceId);
        }
        // A refused enrollment left nothing a caller can see, unless the registry said it could not tell.
        foreach (var (reference, _, reason) in failed.Where(f => f.Reason != "enrollment_unconfirmed"))
        {
            Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = reference })).Exists,
                $"refused enrollment {reference} ({reason}) is visible");
        }
        var persons = 0;
        var token = "";
        do
        {
            var page = await host.Client.ListPersonsAsync(new ListPersonsRequest { PageSize = 500, PageToken = token });
            persons += page.Persons.Count;
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.InRange(persons, acknowledged.Count, acknowledged.Count + failed.Count(f => f.Reason == "enrollment_unconfirmed"));
    }
}
