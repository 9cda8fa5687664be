using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// How vectors go in: VADD's own options (quantization, EF, M, REDUCE, CAS) and the client side (connections,
/// commands in flight per connection). EF/M 0 = Redis's default (200/16).
/// </summary>
internal sealed record InsertConfig(
    string Quant, int Ef = 0, int M = 0, bool Cas = false, int Reduce = 0, int Connections = 1, int InFlight = 1, int Rerank = 0)
{
    public const int DefaultEf = 200;
    public const int DefaultM = 16;

    /// <summary>VADD parameters, e.g. "NOQUANT EF 100 M 16" (plus "rerank 50" when FP32 copies re-rank the hits).</summary>
    public string Parameters =>
        $"{Quant} EF {(Ef == 0 ? DefaultEf : Ef)} M {(M == 0 ? DefaultM : M)}{(Reduce > 0 ? $" REDUCE {Reduce}" : "")}{(Rerank > 0 ? $", rerank {Rerank}" : "")}";

    /// <summary>Client side, e.g. "CAS, 4 conn x 16".</summary>
    public string Transport => $"{(Cas ? "CAS, " : "")}{Connections} conn x {InFlight} in flight";

    public override string ToString() => $"{Parameters}, {Transport}";

    /// <summary>
    /// Parses e.g. "NOQUANT,EF=100,M=16,CAS,conns=4,inflight=16,REDUCE=256" (the --insert option). RERANK=C also
    /// stores each face's FP32 vector in a hash beside the set (as the registry's face hash) and makes searches ask
    /// VSIM for C candidates, fetch their FP32 vectors and keep the best by exact cosine.
    /// </summary>
    public static InsertConfig Parse(string text)
    {
        var config = new InsertConfig("Q8");
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=', 2);
            var name = pair[0].ToUpperInvariant();
            int Value() => pair.Length == 2 ? int.Parse(pair[1], CultureInfo.InvariantCulture) : throw new ArgumentException($"'{part}' needs a value");
            config = name switch
            {
                "Q8" or "NOQUANT" or "BIN" => config with { Quant = name },
                "CAS" => config with { Cas = true },
                "EF" => config with { Ef = Value() },
                "M" => config with { M = Value() },
                "REDUCE" => config with { Reduce = Value() },
                "RERANK" => config with { Rerank = Value() },
                "CONNS" => config with { Connections = Value() },
                "INFLIGHT" => config with { InFlight = Value() },
                _ => throw new ArgumentException($"Unknown insert option '{part}'."),
            };
        }
        return config;
    }

    public object[] Arguments(string key, byte[] blob, string element, string attributes)
    {
        var arguments = new List<object>(16) { key };
        if (Reduce > 0)
        {
            arguments.Add("REDUCE");
            arguments.Add(Reduce);
        }
        arguments.Add("FP32");
        arguments.Add(blob);
        arguments.Add(element);
        if (Cas)
        {
            arguments.Add("CAS");
        }
        arguments.Add(Quant);
        if (Ef > 0)
        {
            arguments.Add("EF");
            arguments.Add(Ef);
        }
        arguments.Add("SETATTR");
        arguments.Add(attributes);
        if (M > 0)
        {
            arguments.Add("M");
            arguments.Add(M);
        }
        return [.. arguments];
    }
}

/// <summary>Where a shard lives: a server and a vector-set key; Rerank > 0: FP32 copies in hashes, searches re-rank that many candidates.</summary>
internal sealed record Shard(RedisProcess Server, string Key, int Rerank = 0)
{
    /// <summary>The hash holding face i's FP32 vector (field "v") when the shard re-ranks.</summary>
    public static string CopyKey(string element) => "f:" + element;
}

/// <summary>What a load measured. Cpu is Redis's INFO cpu delta summed over the servers involved.</summary>
internal sealed record LoadResult(
    int Faces, double Seconds, RedisCpu Cpu, double? OtherShare, bool StoppedByDeadline, IReadOnlyList<(int Faces, double Seconds)> Checkpoints)
{
    public double Rate => Faces / Seconds;

    public double CpuMsPerFace => Cpu.Total * 1000 / Faces;

    public double MainThreadMsPerFace => Cpu.MainThread * 1000 / Faces;
}

/// <summary>Loads gallery faces [start, end) into one or more shards (face i goes to shard i mod shards).</summary>
internal static class VectorLoader
{
    public static async Task<LoadResult> LoadAsync(
        IReadOnlyList<Shard> shards, FaceData data, int start, int end, InsertConfig config, TimeSpan? limit = null, string? progressLabel = null)
    {
        var servers = shards.Select(s => s.Server).Distinct().ToArray();
        var connections = new List<ConnectionMultiplexer>();
        try
        {
            // Each shard gets its own connections, and its own counter over its faces.
            var workers = new List<Func<Task>>();
            var inserted = 0;
            var claimedPerShard = new int[shards.Count];
            var deadline = limit is { } l ? Stopwatch.GetTimestamp() + (long)(l.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
            var stopped = false;
            var checkpointEvery = Math.Max(1_000, (end - start) / 20);
            var checkpoints = new List<(int Faces, double Seconds)>();
            var started = Stopwatch.GetTimestamp();
            for (var s = 0; s < shards.Count; s++)
            {
                var shard = shards[s];
                var shardIndex = s;
                // Faces of this shard: start + shardIndex + k * shards.Count.
                var shardFaces = ((end - start - shardIndex) + shards.Count - 1) / shards.Count;
                for (var c = 0; c < config.Connections; c++)
                {
                    var connection = await shard.Server.ConnectAsync();
                    connections.Add(connection);
                    var database = connection.GetDatabase();
                    workers.Add(async () =>
                    {
                        var window = new Queue<Task<RedisResult>>(config.InFlight);
                        while (true)
                        {
                            if (Stopwatch.GetTimestamp() > deadline)
                            {
                                stopped = true;
                                break;
                            }
                            var k = Interlocked.Increment(ref claimedPerShard[shardIndex]) - 1;
                            if (k >= shardFaces)
                            {
                                break;
                            }
                            var i = start + shardIndex + (k * shards.Count);
                            if (config.Rerank > 0)
                            {
                                // Same connection, so it is written before the VADD it precedes; not awaited separately.
                                _ = database.HashSetAsync(Shard.CopyKey(FaceData.Element(i)), "v", data.FaceBlob(i), flags: CommandFlags.FireAndForget);
                            }
                            window.Enqueue(database.ExecuteAsync("VADD",
                                config.Arguments(shard.Key, data.FaceBlob(i), FaceData.Element(i), FaceData.Attributes(i))));
                            if (window.Count >= config.InFlight)
                            {
                                await window.Dequeue();
                                Progress(Interlocked.Increment(ref inserted));
                            }
                        }
                        while (window.Count > 0)
                        {
                            await window.Dequeue();
                            Progress(Interlocked.Increment(ref inserted));
                        }
                    });
                }
            }

            var cpuBefore = await SumCpuAsync(servers);
            var probe = RedisProcess.StartProbe();
            started = Stopwatch.GetTimestamp();
            // The first VADD creates the key synchronously (Redis ignores CAS then); every worker sends the same
            // options, so whichever VADD comes first creates the set as configured.
            await Task.WhenAll(workers.Select(w => Task.Run(w)));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpu = await SumCpuAsync(servers) - cpuBefore;
            lock (checkpoints)
            {
                checkpoints.Add((inserted, seconds));
                checkpoints.Sort();
            }
            return new LoadResult(inserted, seconds, cpu, probe.OtherShare(), stopped, checkpoints);

            // Every count is reached by exactly one worker: a checkpoint every 5 % of the load.
            void Progress(int done)
            {
                if (done % checkpointEvery != 0)
                {
                    return;
                }
                var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
                lock (checkpoints)
                {
                    checkpoints.Add((done, elapsed));
                }
                if (progressLabel is not null)
                {
                    Console.Error.WriteLine($"[bench] {progressLabel}: {done:N0} faces in {elapsed:F0} s ({done / elapsed:F0}/s)");
                }
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public static async Task<RedisCpu> SumCpuAsync(IEnumerable<RedisProcess> servers)
    {
        var total = default(RedisCpu);
        foreach (var server in servers)
        {
            total += await server.CpuAsync();
        }
        return total;
    }
}
