using Identities.Deploy.Tests.Support;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>The GPU workers get a GPU, the GPU pool and its taint in the gpu overlay, and none of it elsewhere.</summary>
public sealed class GpuTests
{
    private const string Gpu = "nvidia.com/gpu";
    private const string GpuNodeLabel = "nvidia.com/gpu.present";

    [Fact]
    public void GpuOverlay_Workers_RequestOneGpu_RunOnTheGpuPool_TolerateItsTaint()
    {
        var rendered = Rendered.Of("gpu");
        foreach (var worker in ServiceConfig.GpuWorkers)
        {
            var workload = rendered.Workload(worker);
            var container = workload.Pod.Containers.Single();
            Assert.Equal(1m, container.Resources.Limits[Gpu].ToDecimal());
            if (container.Resources.Requests.TryGetValue(Gpu, out var request))
            {
                Assert.Equal(1m, request.ToDecimal());
            }
            Assert.True(workload.Pod.NodeSelector?.TryGetValue(GpuNodeLabel, out var selected) == true && selected == "true",
                $"{worker} is not pinned to the GPU pool ({GpuNodeLabel}=true)");
            Assert.True(ToleratesGpuTaint(workload.Pod), $"{worker} does not tolerate the {Gpu} NoSchedule taint");
            Assert.Equal($"identities/{worker}-gpu", Images.Repository(container.Image));
            Assert.Equal("Cuda", rendered.Get<V1ConfigMap>($"identities-{worker}").Data["Inference__ExecutionProvider"]);
        }
    }

    [Fact]
    public void GpuOverlay_EverythingElse_StaysOffTheGpuPool()
    {
        var rendered = Rendered.Of("gpu");
        Assert.All(rendered.Workloads.Where(w => !ServiceConfig.GpuWorkers.Contains(w.Name)), workload =>
        {
            Assert.False(UsesGpu(workload), $"{workload.Name} asks for a GPU");
            Assert.False(ToleratesGpuTaintOrSelectsPool(workload), $"{workload.Name} may land on the GPU pool");
        });
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("base")]
    public void CpuOverlayAndBase_NoGpuAnywhere(string name)
    {
        var rendered = Rendered.Of(name);
        Assert.All(rendered.Workloads, workload =>
        {
            Assert.False(UsesGpu(workload), $"{name}: {workload.Name} asks for a GPU");
            Assert.False(ToleratesGpuTaintOrSelectsPool(workload), $"{name}: {workload.Name} tolerates or selects the GPU pool");
        });
        foreach (var worker in ServiceConfig.GpuWorkers)
        {
            Assert.Equal($"identities/{worker}", Images.Repository(rendered.Workload(worker).Pod.Containers.Single().Image));
        }
        if (name == "cpu")
        {
            Assert.All(ServiceConfig.GpuWorkers, w => Assert.Equal("Cpu", rendered.Get<V1ConfigMap>($"identities-{w}").Data["Inference__ExecutionProvider"]));
        }
    }

    private static bool UsesGpu(Workload workload) =>
        workload.Pod.Containers.Concat(workload.Pod.InitContainers ?? []).Any(c =>
            (c.Resources?.Limits?.ContainsKey(Gpu) ?? false) || (c.Resources?.Requests?.ContainsKey(Gpu) ?? false));

    private static bool ToleratesGpuTaintOrSelectsPool(Workload workload) =>
        ToleratesGpuTaint(workload.Pod) || (workload.Pod.NodeSelector?.ContainsKey(GpuNodeLabel) ?? false) || workload.Pod.Affinity?.NodeAffinity is not null;

    private static bool ToleratesGpuTaint(V1PodSpec pod) =>
        (pod.Tolerations ?? []).Any(t =>
            (t.Key == Gpu || (t.Key is null && t.OperatorProperty == "Exists"))
            && (t.Effect is null || t.Effect == "NoSchedule"));
}
