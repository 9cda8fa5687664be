using System.Diagnostics;
using System.Globalization;
using Identities.Registry;
using Identities.Registry.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using static Identities.BenchCommon.MarkdownTable;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Sections e and f, on a durable redis-server (AOF, appendfsync always) whose vector set already holds
/// EnrollPreload faces: e. the registry's own enrollment path (FaceStore.EnrollAsync: enroll.lua, then
/// WAITAOF 1 0), 1 in flight and 16 concurrent; f. bulk-import alternatives against that baseline.
/// </summary>
internal static class EnrollmentSection
{
    private const string Model = "bench";

    /// <summary>
    /// Bulk enrollment of many faces in one script: the same writes as enroll.lua (person if new, face hash,
    /// person's face set, vector with its attribute), without the per-face checks and rollback; a bulk import
    /// validates its input first. ARGV: prefix, model, quantization, now, then per face: create (1/0), person
    /// id, face id, FP32 blob. withVector = '0' leaves the VADD out (metadata only).
    /// </summary>
    /// <summary>The registry's defaults: the quantization, EF and M its vector sets are built with.</summary>
    private static readonly RegistryOptions Defaults = new();

    private const string BulkScript = """
        local prefix, model, quant, now, with_vector, m = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
        local vectors = prefix .. ':vectors:' .. model
        local n = 0
        for i = 7, #ARGV, 4 do
          local create, pid, fid, blob = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
          if create == '1' then
            redis.call('HSET', prefix .. ':person:' .. pid, 'name', '', 'tags', '[]', 'attributes', '{}', 'created', now, 'updated', now)
            redis.call('ZADD', prefix .. ':persons', 0, pid)
          end
          redis.call('HSET', prefix .. ':face:' .. fid, 'person', pid, 'model', model, 'box', '{"X":0,"Y":0,"Width":112,"Height":112}',
            'quality', '0.9', 'reference', '', 'detect', '', 'created', now, 'vector', blob)
          redis.call('SADD', prefix .. ':person:' .. pid .. ':faces', fid)
          if with_vector == '1' then
            redis.call('VADD', vectors, 'FP32', blob, fid, quant, 'SETATTR', cjson.encode({person = pid}), 'M', m)
          end
          n = n + 1
        end
        return n
        """;

    private sealed record EnrollRun(int Faces, double Seconds, double P50, double P99, RedisCpu Cpu, long Memory, long AofBytes, double? Other)
    {
        public double Rate => Faces / Seconds;
    }

    /// <summary>One face to enroll: whether it creates its person, the ids, the vector.</summary>
    private sealed record Face(int Index, bool Create, string PersonId, string FaceId);

    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        var probe = RedisProcess.StartProbe();
        await using var server = await RedisProcess.StartDurableAsync();
        // One shard: these sections measure the enrollment path on one vector set of a known size.
        var options = new RegistryOptions { Redis = $"127.0.0.1:{server.Port}", Shards = 1 };
        var keys = new RedisKeys(options.KeyPrefix, options.Shards);
        var vectorsKey = keys.Vectors(Model, 0);

        // The vector set starts with EnrollPreload faces, built with the registry's default VADD options.
        var preload = await VectorLoader.LoadAsync([new Shard(server, vectorsKey)], context.Data, 0, settings.EnrollPreload,
            new InsertConfig(Defaults.Quantization, Ef: Defaults.BuildExplorationFactor, M: Defaults.MaxLinks, Cas: true, Connections: 4, InFlight: 16));
        context.Log($"e. preloaded {preload.Faces} vectors at {preload.Rate:F0}/s");
        var next = settings.EnrollPreload;
        Face[] Take(int count)
        {
            var faces = new Face[count];
            var personId = "";
            for (var k = 0; k < count; k++)
            {
                var create = k % FaceData.FacesPerIdentity == 0;
                personId = create ? Guid.CreateVersion7().ToString() : personId;
                faces[k] = new Face(next + k, create, personId, Guid.CreateVersion7().ToString());
            }
            next += count;
            return faces;
        }

        await using var connection = new RedisConnection(Options.Create(options));
        await connection.StartAsync(CancellationToken.None);
        var store = NewStore(connection, options);
        var noWait = new RegistryOptions { Redis = options.Redis, WaitForAof = false, Shards = 1 };
        await using var connectionNoWait = new RedisConnection(Options.Create(noWait));
        await connectionNoWait.StartAsync(CancellationToken.None);
        var storeNoWait = NewStore(connectionNoWait, noWait);

        if (settings.Sections.Contains('e'))
        {
            context.Line("## e. The registry's enrollment path (FaceStore.EnrollAsync), AOF appendfsync always");
            context.Line();
            context.Line($"redis-server: {server.Description}. The model's vector set holds {settings.EnrollPreload:N0} faces first " +
                $"({Defaults.Quantization}, EF {(Defaults.BuildExplorationFactor == 0 ? InsertConfig.DefaultEf : Defaults.BuildExplorationFactor)}, M {Defaults.MaxLinks}: the registry's defaults). Each enrollment is enroll.lua (person for every 5th face, face hash, " +
                "face set, photo reference, VADD with SETATTR) followed by WAITAOF 1 0, through one RedisConnection (one multiplexer) " +
                "as in the service. Concurrent callers each enroll one person's 5 faces in turn.");
            context.Line();
            var table = new MarkdownTable("mode", "enrollments", "set size before", "seconds", "enrollments/s", "p50 ms", "p99 ms",
                "Redis CPU ms/enrollment", "main ms/enrollment", "memory/enrollment (all keys)", "AOF bytes/enrollment", "others").AlignLeft(0);
            foreach (var (label, concurrency, faces, faceStore) in new[]
            {
                ("1 in flight", 1, settings.EnrollSequential, store),
                ("16 concurrent callers", 16, settings.EnrollConcurrent, store),
                ("16 concurrent, WaitForAof off (AOF still fsyncs always)", 16, settings.EnrollConcurrent, storeNoWait),
            })
            {
                var size = await server.CardinalityAsync(vectorsKey);
                var batch = Take(faces);
                var run = await MeasureAsync(server, () => EnrollWithStoreAsync(faceStore, batch, concurrency, context.Data), faces);
                AddRow(table, label, size, run, latency: true);
            }
            table.Write(context.Output);
        }

        if (settings.Sections.Contains('f'))
        {
            context.Line("## f. Bulk import, same durable redis-server");
            context.Line();
            context.Line("Faces per row: " + settings.BulkFaces.ToString("N0", CultureInfo.InvariantCulture) + ". 'WAITAOF per 1000' = one " +
                "WAITAOF 1 0 after every 1,000 faces instead of after each; with appendfsync always Redis fsyncs once per event-loop " +
                "iteration, so a pipeline of writes shares one fsync. The bulk script does enroll.lua's writes without its per-face " +
                "checks and rollback. Inside Lua (and MULTI) Redis ignores CAS and never threads VADD.");
            context.Line();
            var table = new MarkdownTable("method", "faces", "set size before", "seconds", "faces/s", "p50 ms", "p99 ms",
                "Redis CPU ms/face", "main ms/face", "memory/face (all keys)", "AOF bytes/face", "others").AlignLeft(0);
            await using var multiplexer = await server.ConnectAsync();
            var database = multiplexer.GetDatabase();
            var casConfig = new InsertConfig(Defaults.Quantization, Ef: Defaults.BuildExplorationFactor, M: Defaults.MaxLinks, Cas: true, Connections: 4, InFlight: 16);
            var rows = new (string Label, Func<Face[], Task<double[]>> Run)[]
            {
                ("FaceStore.EnrollAsync (enroll.lua + WAITAOF each), 16 concurrent", faces => EnrollWithStoreAsync(store, faces, 16, context.Data)),
                ("enroll.lua pipelined, 128 in flight, 1 connection, WAITAOF per 1000",
                    faces => NoLatencies(EnrollScriptPipelinedAsync(database, keys, faces, context.Data))),
                ("bulk script, 100 faces per EVAL, 2 in flight, WAITAOF per 1000",
                    faces => NoLatencies(BulkAsync(database, keys, faces, context.Data, withVector: true))),
                ("bulk script without VADD (1 conn) + VADD CAS 4 conn x 16, WAITAOF at end",
                    faces => NoLatencies(Task.WhenAll(BulkAsync(database, keys, faces, context.Data, withVector: false),
                        VaddAsync(server, vectorsKey, faces, context.Data, casConfig)))),
                ("VADD CAS only (no metadata), 4 conn x 16, WAITAOF at end",
                    faces => NoLatencies(VaddAsync(server, vectorsKey, faces, context.Data, casConfig))),
                ("VADD only (no metadata), pipelined 128, 1 conn, WAITAOF at end",
                    faces => NoLatencies(VaddAsync(server, vectorsKey, faces, context.Data, new InsertConfig(Defaults.Quantization, Ef: Defaults.BuildExplorationFactor, M: Defaults.MaxLinks, Connections: 1, InFlight: 128)))),
            };
            foreach (var (label, run) in rows)
            {
                var size = await server.CardinalityAsync(vectorsKey);
                var faces = Take(settings.BulkFaces);
                var measured = await MeasureAsync(server, () => run(faces), faces.Length);
                AddRow(table, label, size, measured, latency: !double.IsNaN(measured.P50));
                context.Log($"f. {label}: {measured.Rate:F0} faces/s");
            }
            table.Write(context.Output);
        }
        context.Report(probe, "Sections e/f");
    }

    private static async Task<double[]> NoLatencies(Task work)
    {
        await work;
        return [];
    }

    /// <summary>The registry's FaceStore with its collaborators, as the registry's DI container wires them.</summary>
    internal static FaceStore NewStore(RedisConnection connection, RegistryOptions options)
    {
        var wrapped = Options.Create(options);
        var durability = new AofDurability(connection, wrapped);
        var references = new ReferenceStore(connection, durability, TimeProvider.System, wrapped);
        var deletions = new Deletions(connection, durability, references, TimeProvider.System, wrapped);
        return new FaceStore(connection, durability, references, deletions, new ModelDimensions(connection, wrapped), TimeProvider.System, wrapped);
    }

    private static void AddRow(MarkdownTable table, string label, long size, EnrollRun run, bool latency) =>
        table.Add(label, Int(run.Faces), Int(size), Number(run.Seconds, 1), Number(run.Rate, 0),
            latency ? Ms(run.P50) : "-", latency ? Ms(run.P99) : "-",
            Number(run.Cpu.Total * 1000 / run.Faces, 2), Number(run.Cpu.MainThread * 1000 / run.Faces, 2),
            Number((double)run.Memory / run.Faces, 0) + " B", Number((double)run.AofBytes / run.Faces, 0) + " B", Percent(run.Other));

    /// <summary>Runs a workload; it returns per-call latencies in ms (or none).</summary>
    private static async Task<EnrollRun> MeasureAsync(RedisProcess server, Func<Task<double[]>> workload, int faces)
    {
        var memory = await server.UsedMemoryAsync();
        var aof = AofBytes(server);
        var cpu = await server.CpuAsync();
        var probe = RedisProcess.StartProbe();
        var started = Stopwatch.GetTimestamp();
        var latencies = await workload();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var other = probe.OtherShare();
        var cpuUsed = await server.CpuAsync() - cpu;
        Array.Sort(latencies);
        return new EnrollRun(faces, seconds, SearchRunner.Percentile(latencies, 0.5), SearchRunner.Percentile(latencies, 0.99), cpuUsed,
            await server.UsedMemoryAsync() - memory, AofBytes(server) - aof, other);
    }

    private static long AofBytes(RedisProcess server)
    {
        var folder = new DirectoryInfo(server.Directory);
        return folder.Exists ? folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
    }

    /// <summary>FaceStore.EnrollAsync with `concurrency` callers; each caller enrolls a person's faces in order.</summary>
    private static async Task<double[]> EnrollWithStoreAsync(FaceStore store, Face[] faces, int concurrency, FaceData data)
    {
        var latencies = new double[faces.Length];
        var persons = faces.Length / FaceData.FacesPerIdentity;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int p;
            while ((p = Interlocked.Increment(ref next)) < persons)
            {
                string? personId = null;
                for (var k = 0; k < FaceData.FacesPerIdentity; k++)
                {
                    var slot = (p * FaceData.FacesPerIdentity) + k;
                    var face = faces[slot];
                    var record = new EnrollmentRecord(personId, personId is null ? new PersonDetailsRecord($"person {face.Index / 5}", ["bench"], null) : null,
                        data.Face(face.Index).ToArray(), Model, new BoxRecord(10, 20, 112, 112), 0.9f, $"photo-{face.Index}", $"detect-{face.Index}");
                    var t0 = Stopwatch.GetTimestamp();
                    var result = await store.EnrollAsync(record);
                    latencies[slot] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    personId = result.PersonId;
                }
            }
        })));
        return latencies;
    }

    /// <summary>
    /// The same EVAL as FaceStore.EnrollAsync (one shard, no reference claim), pipelined on one connection, WAITAOF every
    /// 1,000 faces.
    /// </summary>
    private static async Task EnrollScriptPipelinedAsync(IDatabase database, RedisKeys keys, Face[] faces, FaceData data)
    {
        var window = new Queue<Task>();
        var now = StoredJson.Time(DateTimeOffset.UtcNow);
        for (var k = 0; k < faces.Length; k++)
        {
            var face = faces[k];
            var reference = $"photo-{face.Index}";
            RedisKey[] scriptKeys =
            [
                keys.Person(face.PersonId), keys.Persons(0), keys.PersonFaces(face.PersonId), keys.Face(face.FaceId),
                keys.Vectors(Model, 0), keys.FaceCount(0),
            ];
            var vector = data.Face(face.Index);
            RedisValue[] values =
            [
                face.Create ? "create" : "existing", face.PersonId, face.FaceId, $"person {face.Index / 5}", StoredJson.Tags(["bench"]),
                StoredJson.Attributes(null), now, Model, StoredJson.Box(new BoxRecord(10, 20, 112, 112)),
                0.9f.ToString("R", CultureInfo.InvariantCulture), reference, $"detect-{face.Index}", VectorBlob.FromFloats(vector),
                vector.Length, Defaults.Quantization, Defaults.BuildExplorationFactor, Defaults.MaxLinks, 0,
            ];
            window.Enqueue(CheckOk(database.ScriptEvaluateAsync(LuaScripts.Enroll, scriptKeys, values)));
            if ((k + 1) % 1000 == 0 || k == faces.Length - 1)
            {
                window.Enqueue(WaitAofAsync(database));
            }
            if (window.Count >= 128)
            {
                await window.Dequeue();
            }
        }
        await Task.WhenAll(window);
    }

    private static async Task CheckOk(Task<RedisResult> script)
    {
        var reply = (RedisResult[])(await script)!;
        if ((string?)reply[0] != "ok")
        {
            throw new InvalidOperationException($"enroll.lua answered {(string?)reply[0]}");
        }
    }

    /// <summary>The bulk script, 100 faces per EVAL, 2 EVALs in flight, WAITAOF every 1,000 faces.</summary>
    private static async Task BulkAsync(IDatabase database, RedisKeys keys, Face[] faces, FaceData data, bool withVector)
    {
        const int PerCall = 100;
        var now = StoredJson.Time(DateTimeOffset.UtcNow);
        var window = new Queue<Task>();
        for (var first = 0; first < faces.Length; first += PerCall)
        {
            var batch = faces.Skip(first).Take(PerCall).ToArray();
            var values = new List<RedisValue> { keys.Prefix, Model, Defaults.Quantization, now, withVector ? "1" : "0", Defaults.MaxLinks };
            foreach (var face in batch)
            {
                values.Add(face.Create ? "1" : "0");
                values.Add(face.PersonId);
                values.Add(face.FaceId);
                values.Add(VectorBlob.FromFloats(data.Face(face.Index)));
            }
            window.Enqueue(database.ScriptEvaluateAsync(BulkScript, [], [.. values]));
            if ((first + PerCall) % 1000 == 0 || first + PerCall >= faces.Length)
            {
                window.Enqueue(WaitAofAsync(database));
            }
            while (window.Count >= 2)
            {
                await window.Dequeue();
            }
        }
        await Task.WhenAll(window);
    }

    /// <summary>VADD of the faces' vectors under their face ids, then WAITAOF on every connection used.</summary>
    private static async Task VaddAsync(RedisProcess server, string key, Face[] faces, FaceData data, InsertConfig config)
    {
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            var next = -1;
            var workers = new List<Task>();
            for (var c = 0; c < config.Connections; c++)
            {
                var connection = await server.ConnectAsync();
                connections.Add(connection);
                var database = connection.GetDatabase();
                workers.Add(Task.Run(async () =>
                {
                    var window = new Queue<Task<RedisResult>>();
                    int k;
                    while ((k = Interlocked.Increment(ref next)) < faces.Length)
                    {
                        var face = faces[k];
                        var attributes = "{\"person\":\"" + face.PersonId + "\"}";
                        window.Enqueue(database.ExecuteAsync("VADD", config.Arguments(key, data.FaceBlob(face.Index), face.FaceId, attributes)));
                        if (window.Count >= config.InFlight)
                        {
                            await window.Dequeue();
                        }
                    }
                    await Task.WhenAll(window);
                    await WaitAofAsync(database);
                }));
            }
            await Task.WhenAll(workers);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task WaitAofAsync(IDatabase database)
    {
        var counts = (RedisResult[])(await database.ExecuteAsync("WAITAOF", 1, 0, 5_000))!;
        if ((long)counts[0] < 1)
        {
            throw new InvalidOperationException("WAITAOF: the write is not in the local AOF.");
        }
    }
}
