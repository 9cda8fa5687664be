using Identities.Deploy.Tests.Support;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>Only the gateway is reachable from outside; the workers only from the gateway; Redis only from the registry.</summary>
public sealed class NetworkPolicyTests
{
    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void IngressIsDeniedByDefault(string name)
    {
        var rendered = Rendered.Of(name);
        Assert.Contains(rendered.OfType<V1NetworkPolicy>(), p =>
            (p.Spec.PodSelector.MatchLabels ?? new Dictionary<string, string>()).Count == 0
            && (p.Spec.PodSelector.MatchExpressions ?? []).Count == 0
            && p.Spec.PolicyTypes.Contains("Ingress")
            && (p.Spec.Ingress ?? []).Count == 0);
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void OnlyTheGateway_AcceptsAnySource_AndOnlyOnItsHttpPort(string name)
    {
        var rendered = Rendered.Of(name);
        var gateway = rendered.Workload("gateway");
        var port = gateway.Pod.Containers.Single().Ports.Single(p => p.Name == "http").ContainerPort;
        foreach (var workload in rendered.Workloads)
        {
            var open = Rules(rendered, workload).Where(r => r.FromProperty is null || r.FromProperty.Count == 0).ToList();
            if (workload.Name == "gateway")
            {
                var rule = Assert.Single(open);
                Assert.Equal([port.ToString(System.Globalization.CultureInfo.InvariantCulture)], rule.Ports.Select(p => p.Port.Value));
            }
            else
            {
                Assert.True(open.Count == 0, $"{workload.Name} accepts traffic from anywhere");
            }
        }
    }

    [Theory]
    [InlineData("detector", "gateway")]
    [InlineData("embedder", "gateway")]
    [InlineData("registry", "gateway")]
    [InlineData("redis", "registry")]
    public void Component_AcceptsOnlyItsClient_FromThisNamespace(string component, string client)
    {
        foreach (var name in new[] { "base", "cpu", "gpu" })
        {
            var rendered = Rendered.Of(name);
            var workload = rendered.Workload(component);
            var clientPods = rendered.Workload(client);
            var rules = Rules(rendered, workload).ToList();
            Assert.NotEmpty(rules);
            Assert.All(rules.SelectMany(r => r.FromProperty ?? []), peer =>
            {
                Assert.Null(peer.IpBlock);
                Assert.Null(peer.NamespaceSelector);
                Assert.True(clientPods.IsSelectedBy(peer.PodSelector), $"{name}: {component} accepts pods other than {client}");
                Assert.All(rendered.Workloads.Where(w => w.Name != client), other => Assert.False(other.IsSelectedBy(peer.PodSelector), $"{name}: {component} accepts {other.Name}"));
            });
            var containerPorts = workload.Pod.Containers.SelectMany(c => c.Ports).Select(p => p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            Assert.All(rules.SelectMany(r => r.Ports ?? []), p => Assert.Contains(p.Port.Value, containerPorts));
        }
    }

    [Fact]
    public void TheGatewaysClientsPorts_AreAllowed()
    {
        var rendered = Rendered.Of("gpu");
        var env = rendered.Workload("gateway").Pod.Containers.Single().Env.Where(e => e.Name.EndsWith("Address", StringComparison.Ordinal));
        foreach (var variable in env)
        {
            var address = new Uri(variable.Value);
            var service = rendered.Get<V1Service>(address.Host);
            var workload = rendered.Workloads.Single(w => w.IsSelectedBy(service.Spec.Selector));
            var target = WorkloadTests.ResolvePort(workload.Pod.Containers.Single(), service.Spec.Ports.Single(p => p.Port == address.Port).TargetPort);
            Assert.Contains(Rules(rendered, workload).SelectMany(r => r.Ports ?? []), p => p.Port.Value == target?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static IEnumerable<V1NetworkPolicyIngressRule> Rules(Rendered rendered, Workload workload) =>
        rendered.OfType<V1NetworkPolicy>()
            .Where(p => p.Spec.PolicyTypes.Contains("Ingress") && Selectors.Matches(p.Spec.PodSelector, workload.Labels))
            .SelectMany(p => p.Spec.Ingress ?? []);
}
