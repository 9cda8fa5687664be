using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Identities.Testing;

/// <summary>
/// A real Redis 8 Cluster on loopback, 3 masters with one replica each, started by `scripts/redis.sh cluster-start`
/// on free ports in a temporary folder (AOF, appendfsync always). A node can be SIGKILLed and restarted on its data.
/// </summary>
public sealed class RedisCluster : IRedisDeployment, IAsyncDisposable
{
    private const int Nodes = 6;

    private readonly Dictionary<string, string> _users = [];
    private readonly SemaphoreSlim _usersLock = new(1, 1);

    private RedisCluster(string directory, int[] ports)
    {
        Directory = directory;
        Ports = ports;
    }

    public string Directory { get; }

    public IReadOnlyList<int> Ports { get; }

    public string ConnectionString => string.Join(",", Ports.Select(p => $"127.0.0.1:{p}"));

    public bool IsCluster => true;

    public async Task<string> CreateUserAsync(string user, string rules)
    {
        await _usersLock.WaitAsync();
        try
        {
            if (!_users.TryGetValue(user, out var password))
            {
                // ACLs are per node: every node gets the user, saved to its own ACL file (scripts/redis.sh).
                password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
                foreach (var port in Ports)
                {
                    await CliAsync(port, ["ACL", "SETUSER", user, "reset", "on", ">" + password, .. rules.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);
                    await CliAsync(port, "ACL", "SAVE");
                }
                _users[user] = password;
            }
            return password;
        }
        finally
        {
            _usersLock.Release();
        }
    }

    /// <param name="nodeTimeoutMilliseconds">cluster-node-timeout: how long a master may be silent before its replica takes over.</param>
    public static async Task<RedisCluster> StartAsync(int nodeTimeoutMilliseconds = 2000)
    {
        var listeners = Enumerable.Range(0, Nodes * 2).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        var cluster = new RedisCluster(System.IO.Directory.CreateTempSubdirectory("identities-cluster-").FullName, ports[..Nodes]);
        await RedisScript.RunAsync(new Dictionary<string, string> { ["IDENTITIES_CLUSTER_NODE_TIMEOUT"] = nodeTimeoutMilliseconds.ToString(CultureInfo.InvariantCulture) },
            ["cluster-start", cluster.Directory, .. ports[..Nodes].Select(p => p.ToString(CultureInfo.InvariantCulture)), "--",
             .. ports[Nodes..].Select(p => p.ToString(CultureInfo.InvariantCulture))]);
        return cluster;
    }

    /// <summary>Kills one node as a crash would (SIGKILL).</summary>
    public void Kill(int port)
    {
        var pidFile = Path.Combine(Directory, port.ToString(CultureInfo.InvariantCulture), "redis.pid");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture);
        using var process = Process.GetProcessById(pid);
        process.Kill();
        process.WaitForExit();
        File.Delete(pidFile);
    }

    /// <summary>Starts a killed node again on its own folder (its AOF and nodes.conf): it rejoins the cluster.</summary>
    public async Task RestartAsync(int port)
    {
        var conf = Path.Combine(Directory, port.ToString(CultureInfo.InvariantCulture), "redis.conf");
        await RedisScript.RunProgramAsync("redis-server", [conf]);
    }

    /// <summary>redis-cli against one node, returning its output.</summary>
    public Task<string> CliAsync(int port, params string[] arguments) =>
        RedisScript.RunProgramAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), .. arguments]);

    public async ValueTask DisposeAsync()
    {
        await RedisScript.RunAsync(new Dictionary<string, string>(), ["cluster-stop", Directory]);
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
