using System.Reflection;
using Xunit.Sdk;

namespace Identities.Registry.Tests;

/// <summary>
/// Runs a theory once on each <see cref="Deployment"/> (its first parameter), with the given further arguments: every
/// registry integration test must hold on one Redis server and on a Redis Cluster alike.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class OnServerAndClusterAttribute(params object[] arguments) : DataAttribute
{
    public IReadOnlyList<object> Arguments { get; } = arguments;

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
        Enum.GetValues<Deployment>().Select(deployment => (object[])[deployment, .. arguments]);
}
