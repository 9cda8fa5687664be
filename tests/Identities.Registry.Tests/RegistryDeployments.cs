namespace Identities.Registry.Tests;

/// <summary>
/// One Redis server and one Redis Cluster (3 masters, 3 replicas), shared by the registry's integration suites
/// (<see cref="RegistryDeploymentsCollection"/>): each test runs on both (<see cref="OnServerAndClusterAttribute"/>), with
/// a key prefix of its own.
/// </summary>
public sealed class RegistryDeployments : IAsyncLifetime
{
    private RedisServer? _server;
    private RedisCluster? _cluster;

    public IRedisDeployment this[Deployment deployment] => deployment switch
    {
        Deployment.Server => _server!,
        Deployment.Cluster => _cluster!,
        _ => throw new ArgumentOutOfRangeException(nameof(deployment), deployment, null),
    };

    public async Task InitializeAsync()
    {
        var server = RedisServer.StartAsync();
        var cluster = RedisCluster.StartAsync();
        _server = await server;
        _cluster = await cluster;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
