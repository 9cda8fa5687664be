using System.Globalization;
using Identities.Deploy.Tests.Support;

namespace Identities.Deploy.Tests;

/// <summary>Telemetry leaves the pods: every service is scraped on its metrics port, names its pod, and reads the OTLP settings.</summary>
public sealed class TelemetryManifestTests
{
    private static readonly Dictionary<string, string> MetricsEndpoint = new(StringComparer.Ordinal)
    {
        ["gateway"] = "Management",
        ["detector"] = "Http",
        ["embedder"] = "Http",
        ["registry"] = "Http",
    };

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryService_IsScraped_OnThePortThatServesItsMetrics(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var (service, endpoint) in MetricsEndpoint)
        {
            var workload = rendered.Workload(service);
            var annotations = workload.Template.Metadata.Annotations;
            Assert.Equal("true", annotations["prometheus.io/scrape"]);
            Assert.Equal("/metrics", annotations["prometheus.io/path"]);
            var port = int.Parse(annotations["prometheus.io/port"], CultureInfo.InvariantCulture);
            Assert.Equal(ServiceConfig.KestrelEndpoints(service)[endpoint].Port, port);
            Assert.Contains(workload.Pod.Containers.Single().Ports, p => p.ContainerPort == port && string.Equals(p.Name, endpoint, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EveryService_NamesItsPod_AndReadsTheOtlpSettings(string name)
    {
        var rendered = Rendered.Of(name);
        foreach (var service in MetricsEndpoint.Keys)
        {
            var container = rendered.Workload(service).Pod.Containers.Single();
            var env = container.Env.ToDictionary(e => e.Name);
            Assert.Equal("metadata.name", env["POD_NAME"].ValueFrom.FieldRef.FieldPath);
            Assert.Contains("k8s.pod.name=$(POD_NAME)", env["OTEL_RESOURCE_ATTRIBUTES"].Value, StringComparison.Ordinal);
            Assert.Contains(container.EnvFrom, source => source.ConfigMapRef?.Name == "identities-telemetry");
        }
        var telemetry = rendered.Get<k8s.Models.V1ConfigMap>("identities-telemetry").Data;
        Assert.Equal("", telemetry["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }
}
