namespace Identities.Testing;

/// <summary>A Redis the registry can be pointed at: one server or a cluster.</summary>
public interface IRedisDeployment
{
    /// <summary>StackExchange.Redis configuration string (every node of a cluster).</summary>
    string ConnectionString { get; }

    bool IsCluster { get; }
}
