using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Identities.Testing;

/// <summary>
/// A real Redis 8 for one test class: its own free port and temporary folder, AOF on with
/// `appendfsync always`. Found through scripts/redis.sh (a Redis >= 8 on PATH, else Debian 13's).
/// Can be killed with SIGKILL and restarted on the same data to test durability.
/// </summary>
public sealed class RedisServer : IRedisDeployment, IAsyncDisposable
{
    private readonly bool _appendOnly;
    private Process? _process;

    private RedisServer(string binDirectory, string dataDirectory, int port, bool appendOnly)
    {
        _appendOnly = appendOnly;
        BinDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string BinDirectory { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public bool IsCluster => false;

    /// <param name="appendOnly">False: no AOF, so WAITAOF can never confirm a write.</param>
    public static async Task<RedisServer> StartAsync(bool appendOnly = true)
    {
        var server = new RedisServer(RedisScript.BinDirectory, Directory.CreateTempSubdirectory("identities-redis-").FullName, FreePort(), appendOnly);
        await server.StartProcessAsync();
        return server;
    }

    /// <summary>Kills the server as a crash would (SIGKILL): no shutdown, no final fsync.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }
    }

    public Task RestartAsync()
    {
        Kill();
        return StartProcessAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        await Task.Yield();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, "redis-server"))
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--dir", DataDirectory,
                "--appendonly", _appendOnly ? "yes" : "no",
                "--appendfsync", "always",
                "--save", "",
                "--daemonize", "no",
                "--loglevel", "warning",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode}.");
            }
            if (await AnswersPingAsync())
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"redis-server did not answer on port {Port} within 20 s.");
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            // While loading the AOF Redis answers -LOADING; only +PONG means ready.
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
}
