using System.Globalization;
using System.Text.Json.Nodes;
using Identities.Deploy.Tests.Support;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>Images, ports, addresses and settings in the manifests agree with the services' own configuration and Dockerfiles.</summary>
public sealed class ConfigurationTests
{
    /// <summary>Settings that describe the deployment rather than a threshold or limit: they differ from appsettings.json on purpose.</summary>
    private static readonly HashSet<string> DeploymentSpecific = ["Inference__ExecutionProvider", "Registry__Redis"];

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryImage_IsBuiltByADockerfileHere_OrIsRedis8_AndHasAPinnedTag(string name)
    {
        Assert.All(Rendered.Of(name).Containers, item =>
        {
            var image = item.Container.Image;
            var tag = Images.Tag(image);
            Assert.False(tag is null or "latest", $"{image}: pin a tag");
            if (Images.Repository(image) == "redis")
            {
                Assert.True(int.Parse(tag!.Split('.')[0], CultureInfo.InvariantCulture) >= 8, $"{image}: vector sets need Redis >= 8");
                return;
            }
            var dockerfile = Images.DockerfileOf(image);
            Assert.True(dockerfile is not null && File.Exists(dockerfile), $"{image}: no Dockerfile builds it");
        });
    }

    /// <summary>
    /// Each identities container listens where its pod ports say: the endpoints of appsettings.json (names fixed
    /// there: configuration can override a key but not remove one), re-pointed by the image's ENV and the
    /// container's env, all on every interface, and exactly those ports declared.
    /// </summary>
    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void ContainerPorts_AreTheKestrelEndpoints_AfterImageAndPodOverrides(string name)
    {
        Assert.All(Rendered.Of(name).Containers.Where(c => !c.Init && Images.DockerfileOf(c.Container.Image) is not null), item =>
        {
            var container = item.Container;
            var service = Images.ServiceOf(container.Image);
            var endpoints = ServiceConfig.KestrelEndpoints(service);
            var overrides = Dockerfile.Load(Images.DockerfileOf(container.Image)!).Final.Env
                .Concat((container.Env ?? []).Where(e => e.Value is not null).Select(e => KeyValuePair.Create(e.Name, e.Value)));
            foreach (var (key, value) in overrides)
            {
                var parts = key.Split("__");
                if (parts is ["Kestrel", "Endpoints", var endpoint, "Url"])
                {
                    Assert.True(endpoints.ContainsKey(endpoint), $"{service}: {key} adds an endpoint that appsettings.json does not have");
                    endpoints[endpoint] = new Uri(value);
                }
            }
            Assert.All(endpoints, e => Assert.True(ServiceConfig.IsAllInterfaces(e.Value), $"{service}: endpoint {e.Key} listens on {e.Value.Host} only"));
            Assert.Equal(endpoints.Values.Select(u => u.Port).Order(), container.Ports.Select(p => p.ContainerPort).Order());
        });
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Workers_KeepThePortsOfTheirAppSettings(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var service in new[] { "registry", "detector", "embedder" })
        {
            var container = rendered.Workload(service).Pod.Containers.Single();
            foreach (var (endpoint, url) in ServiceConfig.KestrelEndpoints(service))
            {
                Assert.Equal(url.Port, container.Ports.Single(p => string.Equals(p.Name, endpoint, StringComparison.OrdinalIgnoreCase)).ContainerPort);
            }
        }
    }

    [Fact]
    public void Gateway_ServesPlainHttpBehindTheIngress_WithTheSigningKeyFromTheSecret()
    {
        var rendered = Rendered.Of("gpu");
        var pod = rendered.Workload("gateway").Pod;
        var gateway = pod.Containers.Single();
        var env = gateway.Env.ToDictionary(e => e.Name);

        var url = new Uri(env["Kestrel__Endpoints__Https__Url"].Value);
        Assert.Equal("http", url.Scheme);
        Assert.Equal(url.Port, gateway.Ports.Single(p => p.Name == "http").ContainerPort);

        var dataDirectory = env["IDENTITIES_DATA_DIR"].Value;
        var keys = gateway.VolumeMounts.Single(m => m.MountPath == $"{dataDirectory}/keys");
        Assert.True(keys.ReadOnlyProperty);
        var volume = pod.Volumes.Single(v => v.Name == keys.Name).Secret;
        Assert.Equal("jwt-signing.key", volume.Items.Single(i => i.Key == "jwt-signing.key").Path);
        Assert.Equal("identities-gateway", volume.SecretName);
        Assert.Equal(("identities-gateway", "admin-password"), (env["IDENTITIES_ADMIN_PASSWORD"].ValueFrom.SecretKeyRef.Name, env["IDENTITIES_ADMIN_PASSWORD"].ValueFrom.SecretKeyRef.Key));
    }

    /// <summary>
    /// Scaling by default: the gateway resolves every gRPC worker's pods through a headless Service (dns:///) and
    /// balances calls over them, so pods an autoscaler adds get calls; a ClusterIP would pin each HTTP/2 connection.
    /// </summary>
    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void GatewayAddresses_ReachTheRightWorkers_ThroughTheirServices(string name)
    {
        var rendered = Rendered.Of(name);
        var env = rendered.Workload("gateway").Pod.Containers.Single().Env.ToDictionary(e => e.Name, e => e.Value);
        var expected = new Dictionary<string, (string Service, string Endpoint)>
        {
            ["Gateway__DetectorAddress"] = ("detector", "Grpc"),
            ["Gateway__EmbedderAddress"] = ("embedder", "Grpc"),
            ["Gateway__RegistryAddress"] = ("registry", "Grpc"),
            ["Gateway__RegistryHttpAddress"] = ("registry", "Http"),
        };
        foreach (var (key, (service, endpoint)) in expected)
        {
            Assert.True(env.TryGetValue(key, out var value), $"gateway: {key} is not set (its default is 127.0.0.1)");
            var (scheme, host, addressPort) = ServiceConfig.ParseAddress(value!);
            Assert.Equal(endpoint == "Grpc" ? "dns" : "http", scheme);
            if (scheme == "dns")
            {
                Assert.Equal("None", rendered.Get<V1Service>(host).Spec.ClusterIP);
            }
            var (workload, container, port) = Route(rendered, host, addressPort);
            Assert.Equal(service, Images.ServiceOf(container.Image));
            Assert.Equal(ServiceConfig.KestrelEndpoints(service)[endpoint].Port, port);
            Assert.Equal(service, workload.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Registry_ReachesRedis8_WithAofAlwaysOnAPersistentVolume(string name)
    {
        var rendered = Rendered.Of(name);
        var settings = rendered.Get<V1ConfigMap>("identities-registry").Data;
        var redisAddress = settings["Registry__Redis"].Split(',')[0];
        // A pod of a StatefulSet is addressed as <pod>.<headless service>.
        var host = redisAddress.Split(':')[0];
        var (workload, redis, _) = Route(rendered, host.Contains('.', StringComparison.Ordinal) ? host.Split('.')[1] : host, int.Parse(redisAddress.Split(':')[1], CultureInfo.InvariantCulture));
        Assert.Equal("redis", Images.Repository(redis.Image));
        Assert.Equal("true", settings["Registry__WaitForAof"]);

        var args = redis.Args.ToList();
        string Arg(string option) => args[args.IndexOf(option) + 1];
        Assert.Equal("yes", Arg("--appendonly"));
        Assert.Equal("always", Arg("--appendfsync"));
        Assert.Equal("noeviction", Arg("--maxmemory-policy"));
        var maxMemory = ParseRedisBytes(Arg("--maxmemory"));
        Assert.True(maxMemory < redis.Resources.Limits["memory"].ToDecimal() * 0.9m, "maxmemory must leave room for the AOF rewrite and overhead below the memory limit");

        var statefulSet = rendered.Get<V1StatefulSet>(workload.Name);
        var claim = Assert.Single(statefulSet.Spec.VolumeClaimTemplates);
        Assert.True(claim.Spec.Resources.Requests["storage"].ToDecimal() > maxMemory, "the volume must hold at least one AOF of a full Redis");
        Assert.Equal(Arg("--dir"), redis.VolumeMounts.Single(m => m.Name == claim.Metadata.Name).MountPath);
        Assert.Equal(args.Contains("--cluster-enabled") ? 6 : 1, statefulSet.Spec.Replicas);
    }

    [Fact]
    public void RedisClusterOverlay_SixNodesInClusterMode_FormedByAJob_TheRegistryKnowingEveryNode()
    {
        var rendered = Rendered.Of("redis-cluster");
        var statefulSet = rendered.Get<V1StatefulSet>("redis");
        var redis = statefulSet.Spec.Template.Spec.Containers.Single(c => c.Name == "redis");
        var args = redis.Args.ToList();
        string Arg(string option) => args[args.IndexOf(option) + 1];
        Assert.Equal(6, statefulSet.Spec.Replicas);
        Assert.Equal("yes", Arg("--cluster-enabled"));
        Assert.Equal("/data/nodes.conf", Arg("--cluster-config-file"));
        Assert.Equal("hostname", Arg("--cluster-preferred-endpoint-type"));
        Assert.Contains(redis.Ports, p => p.ContainerPort == 16379);

        var addresses = rendered.Get<V1ConfigMap>("identities-registry").Data["Registry__Redis"].Split(',');
        Assert.Equal(Enumerable.Range(0, 6).Select(i => $"redis-{i}.{statefulSet.Spec.ServiceName}:6379"), addresses);
        Assert.Equal("1", rendered.Get<V1ConfigMap>("identities-registry").Data["Registry__AofReplicas"]);

        var job = rendered.Get<V1Job>("redis-cluster-bootstrap");
        var script = string.Join(' ', job.Spec.Template.Spec.Containers.Single().Command);
        Assert.Contains("--cluster create", script, StringComparison.Ordinal);
        Assert.Contains("--cluster-replicas 1", script, StringComparison.Ordinal);
        Assert.Contains("cluster_slots_assigned:16384", script, StringComparison.Ordinal); // idempotent
        Assert.Equal(redis.Image, job.Spec.Template.Spec.Containers.Single().Image);

        // The nodes reach each other on the bus port, and the Job reaches them.
        var policy = rendered.Get<V1NetworkPolicy>("redis-cluster");
        Assert.Contains(policy.Spec.Ingress, rule => rule.Ports.Any(p => p.Port.Value == "16379"));
        Assert.Contains(policy.Spec.Ingress, rule => rule.FromProperty.Any(f => f.PodSelector.MatchLabels["app.kubernetes.io/name"] == "redis-cluster-bootstrap"));
    }

    [Fact]
    public void ConfigMaps_NameRealOptions_AndCarryTheServicesDefaults()
    {
        var rendered = Rendered.Of("base");
        var sections = ServiceConfig.OptionSections();
        foreach (var configMap in rendered.OfType<V1ConfigMap>())
        {
            if (configMap.Metadata.Name == "identities-telemetry")
            {
                // Standard OpenTelemetry variables, read by every service (docs/OPERATIONS.md).
                Assert.All(configMap.Data.Keys, key => Assert.StartsWith("OTEL_", key, StringComparison.Ordinal));
                Assert.Contains("OTEL_EXPORTER_OTLP_ENDPOINT", configMap.Data.Keys);
                continue;
            }
            var service = configMap.Metadata.Name["identities-".Length..];
            Assert.Contains(service, ServiceConfig.Services);
            foreach (var (key, value) in configMap.Data)
            {
                var parts = key.Split("__");
                Assert.True(parts.Length == 2 && sections.TryGetValue(parts[0], out var properties) && properties.Contains(parts[1]),
                    $"{configMap.Metadata.Name}: {key} is not an option of any service (a typo is silently ignored at run time)");
                if (DeploymentSpecific.Contains(key) || ServiceConfig.Setting(service, key) is not { } defaultValue)
                {
                    continue;
                }
                Assert.True(SameValue(defaultValue, value), $"{configMap.Metadata.Name}: {key}={value}, but services/{service}/appsettings.json says {defaultValue.ToJsonString()}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Ingress_TerminatesTls_ForTheGatewayService_AndAcceptsTheLargestBody(string name)
    {
        var rendered = Rendered.Of(name);
        var ingress = Assert.Single(rendered.OfType<V1Ingress>());
        var tls = Assert.Single(ingress.Spec.Tls);
        Assert.False(string.IsNullOrEmpty(tls.SecretName));
        var rule = Assert.Single(ingress.Spec.Rules);
        Assert.Contains(rule.Host, tls.Hosts);
        var backend = Assert.Single(rule.Http.Paths).Backend.Service;
        var service = rendered.Get<V1Service>(backend.Name);
        Assert.Contains(service.Spec.Ports, p => p.Name == backend.Port.Name || p.Port == backend.Port.Number);
        Assert.True(rendered.Workload("gateway").IsSelectedBy(service.Spec.Selector));

        var maxBody = long.Parse(rendered.Get<V1ConfigMap>("identities-gateway").Data["Gateway__MaxRequestBodyBytes"], CultureInfo.InvariantCulture);
        var allowed = ParseNginxSize(ingress.Metadata.Annotations["nginx.ingress.kubernetes.io/proxy-body-size"]);
        Assert.True(allowed >= maxBody, $"the ingress refuses bodies over {allowed} bytes; the gateway accepts {maxBody}");
    }

    /// <summary>Host:port through a Service to the workload and container behind it (and the container port).</summary>
    private static (Workload Workload, V1Container Container, int Port) Route(Rendered rendered, string host, int port)
    {
        var service = rendered.Get<V1Service>(host);
        var servicePort = service.Spec.Ports.SingleOrDefault(p => p.Port == port) ?? throw new Xunit.Sdk.XunitException($"Service {host} has no port {port}.");
        var workload = rendered.Workloads.Single(w => w.IsSelectedBy(service.Spec.Selector));
        foreach (var container in workload.Pod.Containers)
        {
            if (WorkloadTests.ResolvePort(container, servicePort.TargetPort ?? (IntOrString)port) is { } containerPort)
            {
                return (workload, container, containerPort);
            }
        }
        throw new Xunit.Sdk.XunitException($"Service {host}:{port} reaches no container port.");
    }

    private static bool SameValue(JsonNode expected, string actual) =>
        expected.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Number => decimal.Parse(actual, CultureInfo.InvariantCulture) == expected.GetValue<decimal>(),
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => bool.Parse(actual) == expected.GetValue<bool>(),
            _ => string.Equals(expected.GetValue<string>(), actual, StringComparison.OrdinalIgnoreCase),
        };

    private static decimal ParseRedisBytes(string value)
    {
        var units = new (string Suffix, decimal Factor)[] { ("gb", 1L << 30), ("mb", 1L << 20), ("kb", 1L << 10), ("g", 1e9m), ("m", 1e6m), ("k", 1e3m), ("", 1) };
        var (suffix, factor) = units.First(u => value.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase));
        return decimal.Parse(value[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
    }

    private static long ParseNginxSize(string value)
    {
        var factor = char.ToLowerInvariant(value[^1]) switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1 };
        return long.Parse(factor == 1 ? value : value[..^1], CultureInfo.InvariantCulture) * factor;
    }
}
