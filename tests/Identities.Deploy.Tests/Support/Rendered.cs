using k8s;
using k8s.Models;

namespace Identities.Deploy.Tests.Support;

/// <summary>The manifests of one kustomization (base or an overlay), rendered and loaded into KubernetesClient's typed models.</summary>
internal sealed class Rendered
{
    public const string Namespace = "identities";

    private static readonly Dictionary<string, Lazy<Rendered>> Cache = new(StringComparer.Ordinal)
    {
        ["base"] = new(() => new Rendered("base", Path.Combine(Repo.K8s, "base"))),
        ["cpu"] = new(() => new Rendered("cpu", Path.Combine(Repo.K8s, "overlays", "cpu"))),
        ["gpu"] = new(() => new Rendered("gpu", Path.Combine(Repo.K8s, "overlays", "gpu"))),
        ["redis-cluster"] = new(() => new Rendered("redis-cluster", Path.Combine(Repo.K8s, "overlays", "redis-cluster"))),
    };

    private Rendered(string name, string directory)
    {
        Name = name;
        Directory = directory;
        Yaml = Support.Yaml.Write(Kustomize.Render(directory));
        Objects = KubernetesYaml.LoadAllFromString(Yaml);
    }

    /// <summary>base, cpu, gpu, redis-cluster (gpu with Redis as a cluster).</summary>
    public static TheoryData<string> All => ["base", "cpu", "gpu", "redis-cluster"];

    /// <summary>The deployable overlays.</summary>
    public static TheoryData<string> Overlays => ["cpu", "gpu", "redis-cluster"];

    public string Name { get; }

    public string Directory { get; }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public static Rendered Of(string name) => Cache[name].Value;

    public IEnumerable<T> OfType<T>() => Objects.OfType<T>();

    public T Get<T>(string name)
        where T : IKubernetesObject<V1ObjectMeta> =>
        OfType<T>().SingleOrDefault(o => o.Metadata.Name == name) ?? throw new Xunit.Sdk.XunitException($"{Name}: no {typeof(T).Name} named {name}.");

    /// <summary>Every pod template: Deployments and StatefulSets.</summary>
    public IEnumerable<Workload> Workloads =>
        OfType<V1Deployment>().Select(d => new Workload("Deployment", d.Metadata.Name, d.Spec.Template, d.Spec.Selector))
            .Concat(OfType<V1StatefulSet>().Select(s => new Workload("StatefulSet", s.Metadata.Name, s.Spec.Template, s.Spec.Selector)));

    public Workload Workload(string name) =>
        Workloads.SingleOrDefault(w => w.Name == name) ?? throw new Xunit.Sdk.XunitException($"{Name}: no workload named {name}.");

    public IEnumerable<(Workload Workload, V1Container Container, bool Init)> Containers =>
        Workloads.SelectMany(w => (w.Pod.InitContainers ?? []).Select(c => (w, c, true))
            .Concat(w.Pod.Containers.Select(c => (w, c, false))));

    public override string ToString() => Name;
}

internal sealed record Workload(string Kind, string Name, V1PodTemplateSpec Template, V1LabelSelector Selector)
{
    public V1PodSpec Pod => Template.Spec;

    public IDictionary<string, string> Labels => Template.Metadata.Labels;

    public bool IsSelectedBy(V1LabelSelector? selector) => Selectors.Matches(selector, Labels);

    public bool IsSelectedBy(IDictionary<string, string>? selector) => Selectors.Matches(selector, Labels);
}

internal static class Selectors
{
    public static bool Matches(V1LabelSelector? selector, IDictionary<string, string> labels)
    {
        if (selector is null)
        {
            return false;
        }
        if (selector.MatchExpressions is { Count: > 0 })
        {
            throw new NotSupportedException("matchExpressions are not used in deploy/.");
        }
        return Matches(selector.MatchLabels ?? new Dictionary<string, string>(), labels);
    }

    public static bool Matches(IDictionary<string, string>? selector, IDictionary<string, string> labels) =>
        selector is not null && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}
