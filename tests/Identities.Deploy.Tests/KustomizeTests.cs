using System.Diagnostics;
using System.Text.Json.Nodes;
using Identities.Deploy.Tests.Support;
using k8s;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>The manifests render (base and overlays) and every document loads into KubernetesClient's typed models.</summary>
public sealed class KustomizeTests
{
    private static readonly string[] ExpectedKinds =
        ["Namespace", "ConfigMap", "Secret", "Service", "StatefulSet", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "Ingress", "NetworkPolicy"];

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Render_LoadsIntoTypedModels_AllInTheNamespace(string name)
    {
        var rendered = Rendered.Of(name);

        Assert.All(rendered.Objects, o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o));
        var kinds = rendered.Objects.Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => o.Kind).ToHashSet();
        Assert.Superset(ExpectedKinds.ToHashSet(), kinds);
        Assert.All(rendered.Objects.Cast<IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace),
            o => Assert.Equal(Rendered.Namespace, o.Metadata.NamespaceProperty));
        Assert.Equal(Rendered.Namespace, Assert.Single(rendered.OfType<V1Namespace>()).Metadata.Name);
    }

    [Fact]
    public void EveryYamlFileUnderDeploy_LoadsIntoTypedModels()
    {
        var files = Directory.EnumerateFiles(Repo.K8s, "*.yaml", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "kustomization.yaml").ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var objects = KubernetesYaml.LoadAllFromString(File.ReadAllText(file));
            Assert.NotEmpty(objects);
            Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(((IKubernetesObject<V1ObjectMeta>)o).Metadata?.Name), file));
        });
    }

    [Fact]
    public void Overlays_ChangeOnlyWhatTheyPatch_BaseObjectsAllPresent()
    {
        var ids = Ids(Rendered.Of("base"));
        Assert.Equal(ids, Ids(Rendered.Of("cpu")));
        Assert.Equal(ids, Ids(Rendered.Of("gpu")));
    }

    /// <summary>
    /// The tests render with their own kustomize subset (Support/Kustomize.cs); where kubectl is installed, its
    /// built-in kustomize must produce the same objects, field for field.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Render_EqualsKubectlKustomize(string name)
    {
        var rendered = Rendered.Of(name);
        var kubectl = RunKubectlKustomize(rendered.Directory);

        var expected = Canonical(KubernetesYaml.LoadAllFromString(kubectl));
        var actual = Canonical(rendered.Objects);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        Assert.All(expected, e => Assert.Equal(e.Value, actual[e.Key]));
    }

    private static SortedSet<string> Ids(Rendered rendered) =>
        new(rendered.Objects.Cast<IKubernetesObject<V1ObjectMeta>>().Select(o => $"{o.Kind}/{o.Metadata.Name}"), StringComparer.Ordinal);

    private static Dictionary<string, string> Canonical(IEnumerable<object> objects) =>
        objects.Cast<IKubernetesObject<V1ObjectMeta>>().ToDictionary(
            o => $"{o.Kind}/{o.Metadata.NamespaceProperty}/{o.Metadata.Name}",
            o => Sorted(JsonNode.Parse(KubernetesJson.Serialize(o)))?.ToJsonString() ?? "null",
            StringComparer.Ordinal);

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    internal static string RunKubectlKustomize(string directory)
    {
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, "kubectl")).FirstOrDefault(File.Exists);
        Skip.If(kubectl is null, "kubectl is not installed: only the tests' own kustomize rendered the manifests.");

        var start = new ProcessStartInfo(kubectl!, ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {directory} failed: {error}");
        return output.Result;
    }
}
