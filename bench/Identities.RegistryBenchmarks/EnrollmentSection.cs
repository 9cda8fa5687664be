using Identities.Registry;
using Identities.Registry.Storage;
using Microsoft.Extensions.Options;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Section e: the registry's enrollment path (FaceStore.EnrollAsync: reference claim, enroll.lua, WAITAOF 1 0, reference
/// confirmation) on a durable redis-server (AOF, appendfsync always) whose vector set already holds EnrollPreload faces,
/// 1 in flight and 16 concurrent callers, and 16 with WaitForAof off.
/// </summary>
internal static class EnrollmentSection
{
    private sealed record EnrollRun(LoadRun Load, RedisCpu Cpu, long Memory, long AofBytes, double? Other);

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var probe = BenchRedis.StartProbe();
        await using var server = await BenchRedis.StartAsync(durable: true);
        // One shard: this section measures the enrollment path on one vector set of a known size.
        var options = new RegistryOptions { Redis = server.ConnectionString, Shards = 1, OperationTimeoutMilliseconds = 60_000 };
        await using var connection = new RedisConnection(Options.Create(options));
        await connection.StartAsync(CancellationToken.None);
        var store = RegistryStores.FaceStore(connection, options);
        var noWait = new RegistryOptions { Redis = options.Redis, Shards = 1, WaitForAof = false, OperationTimeoutMilliseconds = 60_000 };
        await using var connectionNoWait = new RedisConnection(Options.Create(noWait));
        await connectionNoWait.StartAsync(CancellationToken.None);
        var storeNoWait = RegistryStores.FaceStore(connectionNoWait, noWait);

        // The vector set starts with EnrollPreload faces, enrolled the same way without waiting for each fsync.
        var preload = await RegistryLoader.EnrollAsync(storeNoWait, context.Data, 0, settings.EnrollPreload, callers: 16);
        context.Log($"e. preloaded {preload.Faces:N0} faces at {preload.Rate:F0}/s");

        context.Line("## e. The registry's enrollment path (FaceStore.EnrollAsync), AOF appendfsync always");
        context.Line();
        context.Line($"redis-server: {server.Description}. The model's vector set holds {preload.Faces:N0} faces first (enrolled the same way, " +
            $"registry defaults: {options.Quantization}, build EF {ScaleSection.BuildEf(options)}, M {options.MaxLinks}). Each enrollment claims " +
            "its photo reference, runs enroll.lua, waits for WAITAOF 1 0 and confirms the reference, through one RedisConnection as in the " +
            "service. Concurrent callers each enroll one person's 5 faces in turn.");
        context.Line();
        var table = new MarkdownTable("mode", "enrollments", "set size before", "seconds", "enrollments/s", "p50 ms", "p99 ms",
            "Redis CPU ms/enrollment", "main ms/enrollment", "memory/enrollment (all keys)", "AOF bytes/enrollment", "others").AlignLeft(0);
        var size = preload.Faces;
        foreach (var (label, callers, faces, faceStore) in new[]
        {
            ("1 in flight", 1, settings.EnrollSequential, store),
            ("16 concurrent callers", 16, settings.EnrollConcurrent, store),
            ("16 concurrent, WaitForAof off (AOF still fsyncs always)", 16, settings.EnrollConcurrent, storeNoWait),
        })
        {
            var run = await MeasureAsync(server, () => RegistryLoader.EnrollAsync(faceStore, context.Data, size, size + faces, callers, references: true));
            var load = run.Load;
            table.Add(label, Int(load.Faces), Int(size), Number(load.Seconds, 1), Number(load.Rate, 0),
                Ms(Percentiles.OfSorted(load.SortedLatencies, 50)), Ms(Percentiles.OfSorted(load.SortedLatencies, 99)),
                Number(run.Cpu.Total * 1000 / load.Faces, 2), Number(run.Cpu.MainThread * 1000 / load.Faces, 2),
                Number((double)run.Memory / load.Faces, 0) + " B", Number((double)run.AofBytes / load.Faces, 0) + " B", Percent(run.Other));
            size = load.Reached;
        }
        table.Write(context.Output);
        context.Report(probe, "Section e");
    }

    private static async Task<EnrollRun> MeasureAsync(BenchRedis server, Func<Task<LoadRun>> workload)
    {
        var memory = await server.UsedMemoryAsync();
        var aof = AofBytes(server);
        var cpu = await server.CpuAsync();
        var probe = BenchRedis.StartProbe();
        var load = await workload();
        var other = probe.OtherShare();
        return new EnrollRun(load, await server.CpuAsync() - cpu, await server.UsedMemoryAsync() - memory, AofBytes(server) - aof, other);
    }

    private static long AofBytes(BenchRedis server)
    {
        var folder = new DirectoryInfo(server.DataDirectory);
        return folder.Exists ? folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
    }
}
