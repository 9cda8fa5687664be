using System.Text.Json;
using System.Text.RegularExpressions;
using Identities.Deploy.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Identities.Deploy.Tests;

/// <summary>
/// The optional components: deploy/monitoring (ServiceMonitors, alerts, Grafana dashboard, redis_exporter) and
/// deploy/autoscaling/keda (GPU workers on queue depth and batch fill). They use only metrics that exist, every
/// alert has its section in docs/DEPLOY.md "Operating it", and with kubectl they render on the gpu overlay.
/// </summary>
public sealed partial class AddOnTests
{
    /// <summary>From redis_exporter, documented in docs/DEPLOY.md.</summary>
    private static readonly HashSet<string> RedisExporterMetrics = ["redis_memory_used_bytes", "redis_memory_max_bytes", "redis_aof_last_write_status"];

    [Fact]
    public void AlertsDashboardAndScaling_QueryOnlyDocumentedMetrics()
    {
        var documented = DocumentedMetrics();
        var deploy = Repo.Read("docs", "DEPLOY.md");
        var queries = AlertExpressions().Select(a => a.Expr)
            .Concat(DashboardExpressions())
            .Concat(ScalingQueries())
            .ToList();
        Assert.True(queries.Count > 20, $"{queries.Count} queries");
        foreach (var query in queries)
        {
            foreach (var metric in MetricName().Matches(query).Select(m => m.Value).Distinct())
            {
                if (metric.StartsWith("redis_", StringComparison.Ordinal))
                {
                    Assert.Contains(metric, RedisExporterMetrics);
                    Assert.Contains(metric, deploy, StringComparison.Ordinal);
                    continue;
                }
                var family = HistogramSuffix().Replace(metric, "");
                Assert.True(documented.Contains(family) || documented.Contains(metric), $"{metric} (in {query}) is not in docs/OPERATIONS.md");
            }
        }
    }

    [Fact]
    public void EveryAlert_HasItsSectionInOperatingIt()
    {
        var deploy = Repo.Read("docs", "DEPLOY.md");
        var operating = deploy[deploy.IndexOf("## 8. Operating it", StringComparison.Ordinal)..];
        var anchors = Regex.Matches(operating, "^### (.+)$", RegexOptions.Multiline)
            .Select(m => "docs/DEPLOY.md#" + m.Groups[1].Value.Trim().ToLowerInvariant().Replace(' ', '-')).ToHashSet();
        var alerts = AlertExpressions();
        Assert.True(alerts.Count >= 10);
        foreach (var (name, _, runbook) in alerts)
        {
            Assert.Contains($"`{name}`", operating, StringComparison.Ordinal);
            Assert.True(anchors.Contains(runbook), $"{name}: {runbook} is not a section of Operating it");
        }
        foreach (var topic in new[] { "error-rate", "p99-by-stage", "queue-growth", "redis-memory", "aof-fsync-latency", "shard-size" })
        {
            Assert.Contains($"docs/DEPLOY.md#{topic}", anchors);
        }
    }

    [Fact]
    public void Dashboard_ShowsThroughputLatencyByStageErrorsQueuesBatchFillAndRegistrySize()
    {
        var titles = Dashboard().RootElement.GetProperty("panels").EnumerateArray()
            .Select(p => p.GetProperty("title").GetString()!.ToLowerInvariant()).ToList();
        foreach (var topic in new[] { "throughput", "by stage", "problem code", "queue depth", "batch fill", "registry size" })
        {
            Assert.Contains(titles, t => t.Contains(topic, StringComparison.Ordinal));
        }
    }

    [SkippableFact]
    public void MonitoringAndKeda_OnTheGpuOverlay_ReplaceTheGpuCpuAutoscalers_AndScrapeEveryService()
    {
        var overlay = Directory.CreateTempSubdirectory("identities-addons-");
        try
        {
            string Relative(params string[] parts) => Path.GetRelativePath(overlay.FullName, Repo.PathOf(parts));
            File.WriteAllText(Path.Combine(overlay.FullName, "kustomization.yaml"), $"""
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [{Relative("deploy", "k8s", "overlays", "gpu")}]
                components: [{Relative("deploy", "monitoring")}, {Relative("deploy", "autoscaling", "keda")}]
                """);
            var objects = Yaml.Documents(KustomizeTests.RunKubectlKustomize(overlay.FullName));
            List<YamlMappingNode> Of(string kind) => [.. objects.Where(o => Yaml.Scalar(o, "kind") == kind)];
            string? Name(YamlMappingNode o) => Yaml.Scalar(o, "metadata", "name");

            // Only the gateway keeps a CPU autoscaler; KEDA owns the GPU workers, within the gpu overlay's bounds.
            Assert.Equal(["gateway"], Of("HorizontalPodAutoscaler").Select(Name));
            var gpu = Rendered.Of("gpu");
            foreach (var scaled in Of("ScaledObject"))
            {
                var target = Yaml.Scalar(scaled, "spec", "scaleTargetRef", "name")!;
                Assert.Contains(Of("Deployment"), d => Name(d) == target);
                var hpa = gpu.Get<k8s.Models.V2HorizontalPodAutoscaler>(target);
                Assert.Equal(hpa.Spec.MinReplicas.ToString(), Yaml.Scalar(scaled, "spec", "minReplicaCount"));
                Assert.Equal(hpa.Spec.MaxReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture), Yaml.Scalar(scaled, "spec", "maxReplicaCount"));
            }
            Assert.Equal(["detector", "embedder"], Of("ScaledObject").Select(s => Yaml.Scalar(s, "spec", "scaleTargetRef", "name")!).Order());

            // Every identities service and Redis's exporter is scraped through a Service port that exists.
            var services = Of("Service");
            var scraped = new HashSet<string>();
            foreach (var monitor in Of("ServiceMonitor"))
            {
                var port = Yaml.Scalar((YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)monitor["spec"])["endpoints"]).Children[0], "port")!;
                foreach (var service in services.Where(s => Selects(monitor, s)))
                {
                    var ports = ((YamlSequenceNode)((YamlMappingNode)service["spec"])["ports"]).Children.Cast<YamlMappingNode>();
                    Assert.Contains(ports, p => Yaml.Scalar(p, "name") == port);
                    scraped.Add(Name(service)!);
                }
            }
            Assert.Superset(new HashSet<string> { "gateway", "detector", "embedder", "registry", "redis-metrics" }, scraped);
            var redis = Of("StatefulSet").Single(s => Name(s) == "redis");
            var containers = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)redis["spec"])["template"])["spec"]))["containers"];
            var exporter = containers.Children.Cast<YamlMappingNode>().Single(c => Yaml.Scalar(c, "name") == "redis-exporter");
            // Redis requires a password: the exporter gets the admin one from the Secret, never a literal.
            var password = ((YamlSequenceNode)exporter["env"]).Children.Cast<YamlMappingNode>().Single(e => Yaml.Scalar(e, "name") == "REDIS_PASSWORD");
            Assert.Equal("identities-redis", Yaml.Scalar(password, "valueFrom", "secretKeyRef", "name"));
            Assert.Equal("REDIS_ADMIN_PASSWORD", Yaml.Scalar(password, "valueFrom", "secretKeyRef", "key"));
            var dashboard = Of("ConfigMap").Single(c => Name(c) == "identities-grafana-dashboard");
            Assert.Equal("1", Yaml.Scalar(dashboard, "metadata", "labels", "grafana_dashboard"));
        }
        finally
        {
            overlay.Delete(recursive: true);
        }
    }

    private static bool Selects(YamlMappingNode monitor, YamlMappingNode service)
    {
        var selector = (YamlMappingNode)((YamlMappingNode)monitor["spec"])["selector"];
        var labels = ((YamlMappingNode)((YamlMappingNode)service["metadata"])["labels"]).Children
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
        var matchLabels = selector.Children.TryGetValue(new YamlScalarNode("matchLabels"), out var m) ? [.. ((YamlMappingNode)m).Children] : new List<KeyValuePair<YamlNode, YamlNode>>();
        if (matchLabels.Any(p => labels.GetValueOrDefault(((YamlScalarNode)p.Key).Value!) != ((YamlScalarNode)p.Value).Value))
        {
            return false;
        }
        var expressions = selector.Children.TryGetValue(new YamlScalarNode("matchExpressions"), out var e) ? ((YamlSequenceNode)e).Children.Cast<YamlMappingNode>() : [];
        return expressions.All(x => Yaml.Scalar(x, "operator") == "In"
            && ((YamlSequenceNode)x["values"]).Children.Cast<YamlScalarNode>().Any(v => v.Value == labels.GetValueOrDefault(Yaml.Scalar(x, "key")!)));
    }

    private static List<(string Name, string Expr, string Runbook)> AlertExpressions() =>
        [.. Yaml.Documents(Repo.Read("deploy", "monitoring", "prometheusrule.yaml"))
            .SelectMany(rule => ((YamlSequenceNode)((YamlMappingNode)rule["spec"])["groups"]).Children.Cast<YamlMappingNode>())
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Children.Cast<YamlMappingNode>())
            .Select(r => (Yaml.Scalar(r, "alert")!, Yaml.Scalar(r, "expr")!, Yaml.Scalar(r, "annotations", "runbook")!))];

    private static JsonDocument Dashboard() => JsonDocument.Parse(Repo.Read("deploy", "monitoring", "grafana-dashboard.json"));

    private static List<string> DashboardExpressions() =>
        [.. Dashboard().RootElement.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)];

    private static List<string> ScalingQueries() =>
        [.. Yaml.Documents(Repo.Read("deploy", "autoscaling", "keda", "scaledobjects.yaml"))
            .SelectMany(s => ((YamlSequenceNode)((YamlMappingNode)s["spec"])["triggers"]).Children.Cast<YamlMappingNode>())
            .Select(t => Yaml.Scalar(t, "metadata", "query")!)];

    /// <summary>The metric names of docs/OPERATIONS.md's table.</summary>
    private static HashSet<string> DocumentedMetrics() =>
        [.. Regex.Matches(Repo.Read("docs", "OPERATIONS.md"), @"^\| `([a-z_]+)` \|", RegexOptions.Multiline).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\b(identities_[a-z_]+|http_server_[a-z_]+|redis_[a-z_]+)\b")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
