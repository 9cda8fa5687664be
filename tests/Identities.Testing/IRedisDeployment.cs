namespace Identities.Testing;

/// <summary>A Redis the registry can be pointed at: one server or a cluster.</summary>
public interface IRedisDeployment
{
    /// <summary>StackExchange.Redis configuration string (every node of a cluster).</summary>
    string ConnectionString { get; }

    bool IsCluster { get; }

    /// <summary>
    /// Creates an ACL user with these rules and a fresh password (on every node of a cluster), saved to the ACL file so
    /// that it survives a restart, and returns the password; asked again for the same user, returns the same password.
    /// </summary>
    Task<string> CreateUserAsync(string user, string rules);
}
