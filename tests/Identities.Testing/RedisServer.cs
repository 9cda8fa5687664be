using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Identities.Testing;

/// <summary>
/// A real Redis 8 for one test class: its own free port and temporary folder, AOF on with
/// `appendfsync always`. Found through scripts/redis.sh (a Redis >= 8 on PATH, else Debian 13's).
/// Locked down as in production: the default user needs a password (ConnectionString carries it: an
/// administrator's view for test assertions), protected mode on, and services connect as ACL users made with
/// CreateUserAsync. Can be killed with SIGKILL and restarted on the same data (and users) to test durability.
/// </summary>
public sealed class RedisServer : IRedisDeployment, IAsyncDisposable
{
    // Servers of this process, killed when it exits: a benchmark stopped half way leaves no redis-server behind.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<RedisServer, bool> Live = new();

    private readonly Dictionary<string, string> _users = [];
    private readonly SemaphoreSlim _usersLock = new(1, 1);
    private readonly bool _appendOnly;
    private readonly IReadOnlyList<string> _extraArguments;
    private Process? _process;

    static RedisServer()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Live.Keys)
            {
                server.Kill();
            }
        };
    }

    private RedisServer(string binDirectory, string dataDirectory, int port, bool appendOnly, IReadOnlyList<string> extraArguments)
    {
        _appendOnly = appendOnly;
        _extraArguments = extraArguments;
        BinDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
    }

    public string BinDirectory { get; }

    public string DataDirectory { get; }

    public int Port { get; }

    /// <summary>The default user's password: every command, every key (what an operator holds).</summary>
    public string AdminPassword { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>An administrator's connection (the default user with its password).</summary>
    public string ConnectionString => $"127.0.0.1:{Port},password={AdminPassword}";

    /// <summary>The address only, without credentials: what an unauthenticated client would use.</summary>
    public string Endpoint => $"127.0.0.1:{Port}";

    private string AclFile => Path.Combine(DataDirectory, "users.acl");

    public async Task<string> CreateUserAsync(string user, string rules)
    {
        await _usersLock.WaitAsync();
        try
        {
            if (!_users.TryGetValue(user, out var password))
            {
                password = await SetUserAsync(user, rules);
                _users[user] = password;
            }
            return password;
        }
        finally
        {
            _usersLock.Release();
        }
    }

    private async Task<string> SetUserAsync(string user, string rules)
    {
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(ConnectionString + ",allowAdmin=true");
        var db = admin.GetDatabase();
        object[] arguments = ["SETUSER", user, "reset", "on", ">" + password, .. rules.Split(' ', StringSplitOptions.RemoveEmptyEntries)];
        await db.ExecuteAsync("ACL", arguments);
        await db.ExecuteAsync("ACL", "SAVE");
        return password;
    }

    public bool IsCluster => false;

    /// <summary>The redis-server process (for its peak memory in load tests); 0 when not running.</summary>
    public int ProcessId => _process is { HasExited: false } process ? process.Id : 0;

    /// <param name="appendOnly">False: no AOF, so WAITAOF can never confirm a write.</param>
    /// <param name="extraArguments">More redis-server options (a benchmark's, e.g. "--auto-aof-rewrite-percentage", "0").</param>
    public static async Task<RedisServer> StartAsync(bool appendOnly = true, IReadOnlyList<string>? extraArguments = null)
    {
        var server = new RedisServer(RedisScript.BinDirectory, Directory.CreateTempSubdirectory("identities-redis-").FullName, FreePort(), appendOnly,
            extraArguments ?? []);
        Live[server] = true;
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
        Live.TryRemove(this, out _);
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
        if (!File.Exists(AclFile))
        {
            await File.WriteAllTextAsync(AclFile, $"user default on >{AdminPassword} ~* &* +@all\n");
        }
        var start = new ProcessStartInfo(Path.Combine(BinDirectory, "redis-server"))
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--protected-mode", "yes",
                "--aclfile", AclFile,
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
        foreach (var argument in _extraArguments)
        {
            start.ArgumentList.Add(argument);
        }
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
            await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"AUTH {AdminPassword}\r\nPING\r\n"));
            var received = new System.Text.StringBuilder();
            var buffer = new byte[64];
            while (received.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length < 2)
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return false;
                }
                received.Append(System.Text.Encoding.ASCII.GetString(buffer, 0, read));
            }
            // While loading the AOF Redis answers -LOADING; only +PONG means ready.
            return received.ToString().Split("\r\n")[1].StartsWith("+PONG", StringComparison.Ordinal);
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
