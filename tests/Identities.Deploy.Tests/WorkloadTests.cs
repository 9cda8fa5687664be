using Identities.Deploy.Tests.Support;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>Resources, probes, security, spreading, autoscaling and disruption budgets of every workload.</summary>
public sealed class WorkloadTests
{
    private static readonly string[] Components = ["gateway", "registry", "detector", "embedder", "redis"];
    private static readonly string[] Autoscaled = ["gateway", "detector", "embedder"];

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryComponent_HasAWorkloadAndAService(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var component in Components)
        {
            var workload = rendered.Workload(component);
            Assert.Contains(rendered.OfType<V1Service>(), s => workload.IsSelectedBy(s.Spec.Selector));
        }
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryContainer_HasCpuAndMemoryRequestsAndLimits_RequestsWithinLimits(string name)
    {
        Assert.All(Rendered.Of(name).Containers, item =>
        {
            var (workload, container, _) = item;
            var where = $"{name}: {workload.Name}/{container.Name}";
            Assert.True(container.Resources?.Requests is not null && container.Resources.Limits is not null, $"{where} has no requests or no limits");
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.True(container.Resources.Requests.TryGetValue(resource, out var request), $"{where}: no {resource} request");
                Assert.True(container.Resources.Limits.TryGetValue(resource, out var limit), $"{where}: no {resource} limit");
                Assert.True(request.ToDecimal() <= limit.ToDecimal(), $"{where}: {resource} request {request} above limit {limit}");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryContainer_HasReadinessAndLivenessProbes_OnItsOwnPorts(string name)
    {
        Assert.All(Rendered.Of(name).Containers.Where(c => !c.Init), item =>
        {
            var (workload, container, _) = item;
            var where = $"{name}: {workload.Name}/{container.Name}";
            Assert.True(container.ReadinessProbe is not null, $"{where} has no readiness probe");
            Assert.True(container.LivenessProbe is not null, $"{where} has no liveness probe");
            foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe }.OfType<V1Probe>())
            {
                var port = probe.HttpGet?.Port ?? probe.TcpSocket?.Port ?? (probe.Grpc is { } grpc ? (IntOrString)grpc.Port : null);
                if (probe.Exec is not null)
                {
                    continue;
                }
                Assert.True(port is not null, $"{where}: a probe has no handler");
                Assert.True(ResolvePort(container, port!) is not null, $"{where}: probe port {port} is not a port of the container");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Workers_UseNativeGrpcProbes_AgainstTheirGrpcPort(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var worker in ServiceConfig.GpuWorkers)
        {
            var container = rendered.Workload(worker).Pod.Containers.Single();
            var grpcPort = container.Ports.Single(p => p.Name == "grpc").ContainerPort;
            foreach (var probe in new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe })
            {
                Assert.NotNull(probe?.Grpc);
                Assert.Equal(grpcPort, probe.Grpc.Port);
                Assert.True(string.IsNullOrEmpty(probe.Grpc.Service), "the unnamed service carries readiness");
            }
        }
        var registry = rendered.Workload("registry").Pod.Containers.Single();
        Assert.Equal(registry.Ports.Single(p => p.Name == "grpc").ContainerPort, registry.ReadinessProbe.Grpc?.Port);
        Assert.NotNull(registry.LivenessProbe.HttpGet);
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryPod_MeetsTheRestrictedPodSecurityStandard_WithReadOnlyRootFilesystem(string name)
    {
        var rendered = Rendered.Of(name);
        Assert.Equal("restricted", rendered.OfType<V1Namespace>().Single().Metadata.Labels["pod-security.kubernetes.io/enforce"]);
        Assert.All(rendered.Containers, item =>
        {
            var (workload, container, _) = item;
            var where = $"{name}: {workload.Name}/{container.Name}";
            var pod = workload.Pod.SecurityContext;
            var own = container.SecurityContext;
            Assert.True(own?.RunAsNonRoot ?? pod?.RunAsNonRoot ?? false, $"{where} may run as root");
            Assert.True((own?.RunAsUser ?? pod?.RunAsUser) is > 0, $"{where} has no non-zero runAsUser");
            Assert.True(own?.AllowPrivilegeEscalation == false, $"{where} allows privilege escalation");
            Assert.True(own?.ReadOnlyRootFilesystem == true, $"{where} has a writable root filesystem");
            Assert.Equal(["ALL"], own?.Capabilities?.Drop ?? []);
            Assert.Null(own?.Capabilities?.Add);
            Assert.Equal("RuntimeDefault", own?.SeccompProfile?.Type ?? pod?.SeccompProfile?.Type);
            Assert.True(own?.Privileged is null or false, $"{where} is privileged");
            Assert.False(workload.Pod.AutomountServiceAccountToken ?? true, $"{where}: the service account token is mounted");
        });
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryDeployment_SpreadsOverZonesAndNodes_AndHasADisruptionBudget(string name)
    {
        var rendered = Rendered.Of(name);
        Assert.All(rendered.Workloads.Where(w => w.Kind == "Deployment"), workload =>
        {
            var spread = workload.Pod.TopologySpreadConstraints ?? [];
            Assert.Contains(spread, t => t.TopologyKey == "topology.kubernetes.io/zone" && workload.IsSelectedBy(t.LabelSelector));
            Assert.Contains(spread, t => t.TopologyKey == "kubernetes.io/hostname" && workload.IsSelectedBy(t.LabelSelector));
            var budget = Assert.Single(rendered.OfType<V1PodDisruptionBudget>(), p => workload.IsSelectedBy(p.Spec.Selector));
            Assert.True(budget.Spec.MaxUnavailable is not null || budget.Spec.MinAvailable is not null);
            Assert.True(workload.IsSelectedBy(workload.Selector), $"{workload.Name}: the selector does not select its own pods");
        });
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void GatewayDetectorEmbedder_HaveCpuAutoscalers_AndLeaveReplicasToThem(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var component in Autoscaled)
        {
            var hpa = rendered.Get<V2HorizontalPodAutoscaler>(component);
            Assert.Equal("Deployment", hpa.Spec.ScaleTargetRef.Kind);
            var deployment = rendered.Get<V1Deployment>(hpa.Spec.ScaleTargetRef.Name);
            Assert.True(hpa.Spec.MinReplicas >= 2, $"{component}: fewer than 2 replicas leaves no room for a disruption");
            Assert.True(hpa.Spec.MaxReplicas >= hpa.Spec.MinReplicas);
            Assert.Contains(hpa.Spec.Metrics, m => m.Resource?.Name == "cpu" && m.Resource.Target.AverageUtilization is > 0 and <= 100);
            Assert.Null(deployment.Spec.Replicas);
        }
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryService_TargetsPortsItsPodsHave(string name)
    {
        var rendered = Rendered.Of(name);
        Assert.All(rendered.OfType<V1Service>(), service =>
        {
            var pods = rendered.Workloads.Where(w => w.IsSelectedBy(service.Spec.Selector)).ToList();
            Assert.True(pods.Count == 1, $"{service.Metadata.Name} selects {pods.Count} workloads");
            foreach (var port in service.Spec.Ports)
            {
                var target = port.TargetPort ?? (IntOrString)port.Port;
                Assert.True(pods[0].Pod.Containers.Any(c => ResolvePort(c, target) is not null), $"{service.Metadata.Name}:{port.Port} targets {target}, which no container has");
            }
        });
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void ReferencedConfigMapsSecretsAndKeys_Exist(string name)
    {
        var rendered = Rendered.Of(name);
        var configMaps = rendered.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);
        var secrets = rendered.OfType<V1Secret>().ToDictionary(s => s.Metadata.Name);
        Assert.All(rendered.Containers, item =>
        {
            var container = item.Container;
            foreach (var source in container.EnvFrom ?? [])
            {
                Assert.True(source.ConfigMapRef is not null ? configMaps.ContainsKey(source.ConfigMapRef.Name) : secrets.ContainsKey(source.SecretRef.Name),
                    $"{container.Name}: envFrom names a missing ConfigMap or Secret");
            }
            foreach (var reference in (container.Env ?? []).Select(e => e.ValueFrom?.SecretKeyRef).OfType<V1SecretKeySelector>())
            {
                Assert.True(secrets.TryGetValue(reference.Name, out var secret) && SecretKeys(secret).Contains(reference.Key),
                    $"{container.Name}: secret {reference.Name}/{reference.Key} does not exist");
            }
        });
        Assert.All(rendered.Workloads.SelectMany(w => w.Pod.Volumes ?? []).Select(v => v.Secret).OfType<V1SecretVolumeSource>(), volume =>
        {
            Assert.True(secrets.TryGetValue(volume.SecretName, out var secret), $"volume secret {volume.SecretName} does not exist");
            Assert.All(volume.Items ?? [], item => Assert.Contains(item.Key, SecretKeys(secret!)));
        });
    }

    internal static HashSet<string> SecretKeys(V1Secret secret) =>
        [.. (secret.StringData?.Keys ?? []).Concat(secret.Data?.Keys ?? [])];

    internal static int? ResolvePort(V1Container container, IntOrString port)
    {
        var value = port.Value;
        if (int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return container.Ports?.Any(p => p.ContainerPort == number) == true ? number : null;
        }
        return container.Ports?.SingleOrDefault(p => p.Name == value)?.ContainerPort;
    }
}
