using Google.Protobuf.Reflection;

namespace Identities.ServiceDefaults.Auth;

/// <summary>
/// Which permissions grant each gRPC method of a service ("/package.Service/Method"); a method not listed is
/// refused to everyone, so a new RPC is closed until someone decides who may call it.
/// </summary>
public sealed class MethodPermissions
{
    private readonly Dictionary<string, string[]> _methods = new(StringComparer.Ordinal);

    /// <summary>Grants <paramref name="method"/> of <paramref name="service"/> to holders of any of <paramref name="permissions"/>.</summary>
    public MethodPermissions Allow(ServiceDescriptor service, string method, params string[] permissions)
    {
        var descriptor = service.FindMethodByName(method)
            ?? throw new ArgumentException($"{service.FullName} has no method {method}.", nameof(method));
        _methods[$"/{service.FullName}/{descriptor.Name}"] = permissions;
        return this;
    }

    /// <summary>The permissions that grant a method (any one suffices), or none when the method is not listed.</summary>
    public IReadOnlyList<string> For(string method) => _methods.TryGetValue(method, out var permissions) ? permissions : [];

    public IEnumerable<string> Methods => _methods.Keys;
}
