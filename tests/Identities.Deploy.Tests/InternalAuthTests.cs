using Identities.Deploy.Tests.Support;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>Every worker checks forwarded tokens with the gateway's signing key, and gets that key only (not the admin password).</summary>
public sealed class InternalAuthTests
{
    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Workers_MountTheGatewaysSigningKey_WhereTheirConfigurationLooks(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var service in new[] { "registry", "detector", "embedder" })
        {
            var keyPath = rendered.Get<V1ConfigMap>($"identities-{service}").Data["Authentication__SigningKeyPath"];
            var pod = rendered.Workload(service).Pod;
            var mount = pod.Containers.Single().VolumeMounts.Single(m => keyPath.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
            Assert.True(mount.ReadOnlyProperty, $"{service}: the key is mounted writable");
            var secret = pod.Volumes.Single(v => v.Name == mount.Name).Secret;
            Assert.Equal("identities-gateway", secret.SecretName);
            var item = Assert.Single(secret.Items);
            Assert.Equal(("jwt-signing.key", keyPath[(mount.MountPath.Length + 1)..]), (item.Key, item.Path));
            Assert.Equal(288, secret.DefaultMode);
            Assert.NotNull(pod.SecurityContext.FsGroup);
        }
    }
}
