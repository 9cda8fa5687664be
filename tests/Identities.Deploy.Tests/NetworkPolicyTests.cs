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
            var rules = Rules(rendered, workload).Where(r => !IsPrometheusRule(r)).ToList();
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
            var (_, host, port) = ServiceConfig.ParseAddress(variable.Value);
            var service = rendered.Get<V1Service>(host);
            var workload = rendered.Workloads.Single(w => w.IsSelectedBy(service.Spec.Selector));
            var target = WorkloadTests.ResolvePort(workload.Pod.Containers.Single(), service.Spec.Ports.Single(p => p.Port == port).TargetPort);
            Assert.Contains(Rules(rendered, workload).SelectMany(r => r.Ports ?? []), p => p.Port.Value == target?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Prometheus, from its namespace only, reaches exactly each service's metrics port (the one its scrape annotation names).</summary>
    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Prometheus_ReachesEachServicesMetricsPort_FromTheMonitoringNamespaceOnly(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var workload in rendered.Workloads.Where(w => w.Name != "redis"))
        {
            var container = workload.Pod.Containers.Single();
            var metricsPort = int.Parse(workload.Template.Metadata.Annotations["prometheus.io/port"], System.Globalization.CultureInfo.InvariantCulture);
            var rule = Assert.Single(Rules(rendered, workload), IsPrometheusRule);
            var peer = Assert.Single(rule.FromProperty);
            Assert.Null(peer.PodSelector);
            Assert.Equal("monitoring", peer.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
            var reachable = rule.Ports.Select(p => WorkloadTests.ResolvePort(container, p.Port)).OfType<int>().ToList();
            Assert.Contains(metricsPort, reachable);
            // The gateway's API port is open anyway; nothing else becomes reachable.
            Assert.All(reachable, port => Assert.True(port == metricsPort || workload.Name == "gateway", $"{workload.Name}: Prometheus reaches {port}"));
        }
    }

    private static bool IsPrometheusRule(V1NetworkPolicyIngressRule rule) =>
        rule.FromProperty?.Any(peer => peer.NamespaceSelector?.MatchLabels?.ContainsKey("kubernetes.io/metadata.name") == true) == true;

    private static IEnumerable<V1NetworkPolicyIngressRule> Rules(Rendered rendered, Workload workload) =>
        rendered.OfType<V1NetworkPolicy>()
            .Where(p => p.Spec.PolicyTypes.Contains("Ingress") && Selectors.Matches(p.Spec.PodSelector, workload.Labels))
            .SelectMany(p => p.Spec.Ingress ?? []);
}
