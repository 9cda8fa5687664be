using System.Net;
using System.Net.Sockets;
using System.Text;
using Identities.Registry.Storage;
using StackExchange.Redis;

namespace Identities.Registry.Tests;

/// <summary>
/// Redis is locked down: no anonymous access, and the registry's ACL user reaches only its own key prefix with only
/// the commands the registry uses. Every registry test already runs as such a user (RegistryHost), and
/// RegistryAclWorkloadTests reads ACL LOG after a whole workload, which shows the list is enough; these show it is no more.
/// </summary>
public sealed class RedisAclTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task AnonymousClient_IsRefused()
    {
        // A bare RESP connection: a client library's handshake on a loaded machine can time out before NOAUTH shows.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, redis.Server.Port);
        var stream = tcp.GetStream();
        var key = new RedisKeys(new RegistryOptions().KeyPrefix, 1).Meta.ToString();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"*2\r\n$3\r\nGET\r\n${key.Length}\r\n{key}\r\n").AsMemory());
        var reply = new byte[256];
        var read = await stream.ReadAsync(reply).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("-NOAUTH", Encoding.ASCII.GetString(reply, 0, read), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FLUSHALL")]
    [InlineData("KEYS", "*")]
    [InlineData("CONFIG", "SET", "appendonly", "no")]
    [InlineData("CONFIG", "GET", "requirepass")]
    [InlineData("ACL", "LIST")]
    [InlineData("BGSAVE")]
    [InlineData("SWAPDB", "0", "1")]
    [InlineData("SHUTDOWN")]
    [InlineData("MONITOR")]
    [InlineData("MIGRATE", "127.0.0.1", "1", "reg1:x", "0", "10")]
    [InlineData("PUBLISH", "channel", "message")]
    public async Task RegistryUser_CommandOutsideItsList_IsNoPerm(string command, params string[] arguments)
    {
        await using var registry = await ConnectAsRegistryAsync("reg1");

        var error = await Assert.ThrowsAsync<RedisServerException>(() => registry.GetDatabase().ExecuteAsync(command, [.. arguments]));

        Assert.StartsWith("NOPERM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistryUser_KeysOutsideItsPrefix_AreNoPerm_EvenFromAScript()
    {
        var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        await using var _ = admin;
        await admin.GetDatabase().StringSetAsync("other:secret", "x");
        await using var registry = await ConnectAsRegistryAsync("reg2");
        var db = registry.GetDatabase();

        await db.StringSetAsync("reg2:mine", "ok");
        Assert.Equal("ok", (string?)await db.StringGetAsync("reg2:mine"));
        foreach (var attempt in new Func<Task>[]
        {
            () => db.StringGetAsync("other:secret"),
            () => db.StringSetAsync("other:secret", "overwritten"),
            () => db.KeyDeleteAsync("other:secret"),
            () => db.StringGetAsync("reg2x:near-miss"),
            () => db.ScriptEvaluateAsync("return redis.call('GET', KEYS[1])", ["other:secret"]),
            () => db.ScriptEvaluateAsync("return redis.call('FLUSHALL')"),
        })
        {
            var error = await Assert.ThrowsAsync<RedisServerException>(attempt);
            // Refused by the ACL: NOPERM, or from inside a script "ACL failure in script".
            Assert.True(error.Message.StartsWith("NOPERM", StringComparison.Ordinal) || error.Message.Contains("ACL failure", StringComparison.Ordinal), error.Message);
        }
        Assert.Equal("x", (string?)await admin.GetDatabase().StringGetAsync("other:secret"));
    }

    [Fact]
    public void Rules_RunShAndKubernetes_GiveTheRegistryUserExactlyTheseRules()
    {
        var rules = RedisAcl.Rules(new RegistryOptions().KeyPrefix);

        Assert.Contains(rules, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "run.sh")), StringComparison.Ordinal);
        Assert.Contains(rules, File.ReadAllText(Path.Combine(RepositoryPaths.Root, "deploy", "k8s", "base", "redis.yaml")), StringComparison.Ordinal);
    }

    private async Task<ConnectionMultiplexer> ConnectAsRegistryAsync(string prefix)
    {
        var password = await redis.Server.CreateUserAsync("registry-" + prefix, RedisAcl.Rules(prefix));
        var options = ConfigurationOptions.Parse(redis.Server.Endpoint);
        options.User = "registry-" + prefix;
        options.Password = password;
        options.TieBreaker = "";
        options.ConfigurationChannel = "";
        // As the registry connects: StackExchange.Redis itself refuses admin commands otherwise, before Redis could.
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }
}
