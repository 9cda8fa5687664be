using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using StackExchange.Redis;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// A redis-server this benchmark starts (from `scripts/redis.sh path`) on a free port in its own temporary
/// folder, and always kills: on dispose, on Ctrl+C and at process exit.
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, RedisProcess> Live = new();
    private static double _exitedCpuSeconds;
    private static string? _binDirectory;

    private readonly Process _process;
    private readonly ConnectionMultiplexer _admin;
    private int _disposed;

    private RedisProcess(Process process, ConnectionMultiplexer admin, string directory, int port, string description)
    {
        _process = process;
        _admin = admin;
        Directory = directory;
        Port = port;
        Description = description;
        Pid = process.Id;
    }

    public string Directory { get; }

    public int Port { get; }

    public int Pid { get; }

    /// <summary>How it was started, for the report (persistence settings).</summary>
    public string Description { get; }

    public IDatabase Admin => _admin.GetDatabase();

    public static string BinDirectory => _binDirectory ??= FindBinDirectory();

    // SIGTERM/SIGINT/SIGHUP: kill the servers, then let the runtime terminate as usual.
    private static readonly PosixSignalRegistration[] Signals =
    [
        .. new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, _ => KillAll())),
    ];

    static RedisProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    /// <summary>Persistence off: for bulk-load and search measurements.</summary>
    public static Task<RedisProcess> StartVolatileAsync() =>
        StartAsync("persistence off (--appendonly no --save \"\")", ["--appendonly", "no", "--save", ""]);

    /// <summary>The registry's durable setup: AOF with fsync on every write (as docs/REGISTRY.md prescribes).</summary>
    public static Task<RedisProcess> StartDurableAsync() =>
        StartAsync("AOF on, --appendfsync always, --save \"\", automatic AOF rewrite off",
            ["--appendonly", "yes", "--appendfsync", "always", "--save", "", "--auto-aof-rewrite-percentage", "0"]);

    private static async Task<RedisProcess> StartAsync(string description, string[] persistence)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("registry-bench-redis-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, "redis-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
            "--dir", directory, "--daemonize", "no", "--loglevel", "warning", .. persistence])
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, e) => LogLine(port, e.Data);
        process.ErrorDataReceived += (_, e) => LogLine(port, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersPingAsync(port))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode}.");
            }
            if (DateTime.UtcNow > deadline)
            {
                process.Kill();
                throw new TimeoutException($"redis-server did not answer on port {port} within 20 s.");
            }
            await Task.Delay(50);
        }
        var admin = await ConnectAsync(port);
        var server = new RedisProcess(process, admin, directory, port, description);
        Live[server.Pid] = server;
        Console.Error.WriteLine($"[bench] redis-server pid {server.Pid} on port {port} in {directory} ({description})");
        return server;
    }

    /// <summary>A new connection (multiplexer) to this server: RESP2, long timeouts (TRUTH at 1M is slow).</summary>
    public Task<ConnectionMultiplexer> ConnectAsync() => ConnectAsync(Port);

    private static async Task<ConnectionMultiplexer> ConnectAsync(int port)
    {
        var configuration = new ConfigurationOptions
        {
            EndPoints = { { IPAddress.Loopback, port } },
            AllowAdmin = true,
            AbortOnConnectFail = true,
            ConnectTimeout = 10_000,
            SyncTimeout = 300_000,
            AsyncTimeout = 300_000,
            Protocol = RedisProtocol.Resp2,
        };
        return await ConnectionMultiplexer.ConnectAsync(configuration);
    }

    public async Task<Dictionary<string, string>> InfoAsync(string section)
    {
        var text = (string)(await Admin.ExecuteAsync("INFO", section))!;
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && !line.StartsWith('#'))
            {
                info[line[..colon]] = line[(colon + 1)..];
            }
        }
        return info;
    }

    /// <summary>Redis's own CPU accounting (INFO cpu): the whole process and its main thread, in seconds.</summary>
    public async Task<RedisCpu> CpuAsync()
    {
        var info = await InfoAsync("cpu");
        double Get(string name) => double.Parse(info[name], CultureInfo.InvariantCulture);
        return new RedisCpu(Get("used_cpu_sys") + Get("used_cpu_user"), Get("used_cpu_sys_main_thread") + Get("used_cpu_user_main_thread"));
    }

    public async Task<long> UsedMemoryAsync()
    {
        var info = await InfoAsync("memory");
        return long.Parse(info["used_memory"], CultureInfo.InvariantCulture);
    }

    public async Task<string> VersionAsync() => (await InfoAsync("server"))["redis_version"];

    /// <summary>MEMORY USAGE of a key (for a vector set, Redis's own estimate of the whole structure).</summary>
    public async Task<long> KeyMemoryAsync(string key)
    {
        var result = await Admin.ExecuteAsync("MEMORY", "USAGE", key);
        return result.IsNull ? 0 : (long)result;
    }

    public async Task<long> CardinalityAsync(string key) => (long)await Admin.ExecuteAsync("VCARD", key);

    /// <summary>CPU seconds of every redis-server started by this process, dead or alive.</summary>
    /// <summary>A contamination probe that counts this process and every redis-server it started as measured.</summary>
    public static CpuProbe StartProbe() => new(() => CpuClock.OwnSeconds() + AllInstancesCpuSeconds());

    public static double AllInstancesCpuSeconds()
    {
        var total = Volatile.Read(ref _exitedCpuSeconds);
        foreach (var server in Live.Values)
        {
            total += CpuClock.ProcessSeconds(server.Pid) ?? 0;
        }
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _admin.DisposeAsync();
        Kill();
    }

    /// <summary>Kills the server (once) and deletes its folder.</summary>
    private void Kill()
    {
        if (!Live.TryRemove(Pid, out _))
        {
            return;
        }
        var cpu = CpuClock.ProcessSeconds(Pid) ?? 0;
        InterlockedAdd(ref _exitedCpuSeconds, cpu);
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(2_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
        Console.Error.WriteLine($"[bench] redis-server pid {Pid} killed");
    }

    private static void KillAll()
    {
        foreach (var server in Live.Values)
        {
            server.Kill();
        }
    }

    private static void InterlockedAdd(ref double target, double value)
    {
        double initial;
        do
        {
            initial = Volatile.Read(ref target);
        }
        while (Interlocked.CompareExchange(ref target, initial + value, initial) != initial);
    }

    private static void LogLine(int port, string? line)
    {
        if (!string.IsNullOrWhiteSpace(line) && !line.Contains("overcommit", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"[redis :{port}] {line}");
        }
    }

    private static async Task<bool> AnswersPingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The folder `scripts/redis.sh path` names.</summary>
    private static string FindBinDirectory()
    {
        var script = Path.Combine(RepositoryRoot.Path, "scripts", "redis.sh");
        var start = new ProcessStartInfo("bash") { ArgumentList = { script, "path" }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd().Trim();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || output.Length == 0)
        {
            throw new InvalidOperationException($"scripts/redis.sh path failed: {errors}");
        }
        return output;
    }
}

/// <summary>CPU seconds of a redis-server: the whole process (all threads) and its main thread.</summary>
internal readonly record struct RedisCpu(double Total, double MainThread)
{
    public static RedisCpu operator -(RedisCpu a, RedisCpu b) => new(a.Total - b.Total, a.MainThread - b.MainThread);

    public static RedisCpu operator +(RedisCpu a, RedisCpu b) => new(a.Total + b.Total, a.MainThread + b.MainThread);
}

/// <summary>The repository root: the folder above the binaries that holds Identities.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Identities.sln")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException("Identities.sln not found above the binaries or the current folder.");
    }
}
