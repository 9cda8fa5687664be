using System.Text.RegularExpressions;
using Identities.Deploy.Tests.Support;

namespace Identities.Deploy.Tests;

/// <summary>
/// The Dockerfiles, read statically (no Docker engine runs here): multi-stage, non-root, the ports and
/// listening addresses of appsettings.json, every project the service needs copied, models fetched and
/// checked by the project's script, the native libraries the packages need installed.
/// </summary>
public sealed partial class DockerfileTests
{
    private const string SdkImage = "mcr.microsoft.com/dotnet/sdk:10.0";
    private const string AspNetImage = "mcr.microsoft.com/dotnet/aspnet:10.0";

    public static TheoryData<string, string> All => new()
    {
        { "gateway", "Dockerfile" },
        { "registry", "Dockerfile" },
        { "detector", "Dockerfile" },
        { "embedder", "Dockerfile" },
        { "detector", "Dockerfile.gpu" },
        { "embedder", "Dockerfile.gpu" },
    };

    [Theory]
    [MemberData(nameof(All))]
    public void Builds_WithTheSdk_AndRunsOnASmallerRuntimeImage(string service, string file)
    {
        var dockerfile = Load(service, file);
        Assert.True(dockerfile.Stages.Count >= 2, "multi-stage");
        Assert.Equal(SdkImage, dockerfile["build"].Image);
        Assert.Equal("runtime", dockerfile.Final.Name);
        if (file.EndsWith(".gpu", StringComparison.Ordinal))
        {
            Assert.Matches(CudaRuntimeImage(), dockerfile.Final.Image);
            Assert.Contains(dockerfile.Stages, s => s.Image == AspNetImage);
            Assert.Contains(dockerfile.Final.Copies, c => c.Options.ContainsKey("from") && c.Sources.SequenceEqual(["/usr/share/dotnet"]));
        }
        else
        {
            Assert.Equal(AspNetImage, dockerfile.Final.Image);
        }
        Assert.All(dockerfile.Stages, s => Assert.False(Images.Tag(s.Image) is null or "latest", $"{s.Image}: pin a tag"));
        Assert.Contains(dockerfile.Final.Copies, c => c.Options.TryGetValue("from", out var from) && from == "build");
        Assert.Contains(dockerfile["build"].Arguments("RUN"), r => r.Contains("dotnet publish", StringComparison.Ordinal) && r.Contains("-c Release", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void RunsAsANonRootUser(string service, string file)
    {
        var dockerfile = Load(service, file);
        var user = dockerfile.Final.User;
        Assert.NotNull(user);
        // $APP_UID is 1654 in the aspnet images; the GPU image sets it and creates the user itself.
        var uid = user == "$APP_UID" ? (dockerfile.Final.Env.TryGetValue("APP_UID", out var own) ? own : "1654") : user.Split(':')[0];
        Assert.True(int.TryParse(uid, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0, $"USER {user} must be a numeric non-root uid (runAsNonRoot can check only numbers)");
        if (file.EndsWith(".gpu", StringComparison.Ordinal))
        {
            Assert.Contains(dockerfile.Final.Arguments("RUN"), r => r.Contains($"useradd --uid {uid}", StringComparison.Ordinal));
        }
        var podUsers = Rendered.Of("gpu").Workloads.Where(w => w.Pod.Containers.Any(c => Images.DockerfileOf(c.Image) is { } f && f == dockerfile.Path))
            .Select(w => w.Pod.SecurityContext.RunAsUser).ToList();
        Assert.All(podUsers, u => Assert.Equal(number, u));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void ExposesAndListensOn_TheAppSettingsPorts_OnEveryInterface(string service, string file)
    {
        var dockerfile = Load(service, file);
        var endpoints = ServiceConfig.KestrelEndpoints(service);
        Assert.Equal(endpoints.Values.Select(u => u.Port).Order(), dockerfile.Final.ExposedPorts.Order());
        var env = dockerfile.Final.Env;
        foreach (var (name, url) in endpoints)
        {
            Assert.True(env.TryGetValue($"Kestrel__Endpoints__{name}__Url", out var value), $"{name} would listen on {url.Host} only");
            var listening = new Uri(value!);
            Assert.True(ServiceConfig.IsAllInterfaces(listening), $"{name}: {value}");
            Assert.Equal(url.Port, listening.Port);
            Assert.Equal(url.Scheme, listening.Scheme);
        }
        Assert.All(env.Keys.Where(k => k.StartsWith("Kestrel__Endpoints__", StringComparison.Ordinal)),
            k => Assert.Contains(k.Split("__")[2], endpoints.Keys));
        Assert.Equal("", env["ASPNETCORE_HTTP_PORTS"]);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void RunsTheServicesAssembly(string service, string file)
    {
        var dockerfile = Load(service, file);
        var assembly = Path.GetFileNameWithoutExtension(ServiceConfig.Project(service));
        Assert.Equal(["dotnet", $"{assembly}.dll"], dockerfile.Final.Entrypoint);
        Assert.Contains(dockerfile["build"].Arguments("RUN"), r => r.Contains($"services/{service}/{assembly}.csproj", StringComparison.Ordinal));
    }

    /// <summary>Every project in the service's ProjectReference closure (and the repository's build files) is copied into the build stage.</summary>
    [Theory]
    [MemberData(nameof(All))]
    public void CopiesEveryProjectTheServiceNeeds(string service, string file)
    {
        var build = Load(service, file)["build"];
        var copied = build.Copies.Where(c => !c.Options.ContainsKey("from")).SelectMany(c => c.Sources).ToHashSet(StringComparer.Ordinal);
        foreach (var project in ServiceConfig.ProjectClosure(service))
        {
            Assert.True(copied.Contains($"{project}/"), $"{file} of {service} does not copy {project}/");
            var csproj = Path.GetFileName(Directory.EnumerateFiles(Repo.PathOf(project), "*.csproj").Single());
            Assert.True(copied.Contains($"{project}/{csproj}"), $"{file} of {service} does not copy {project}/{csproj} for the restore layer");
        }
        Assert.Superset(new HashSet<string>(["global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"], StringComparer.Ordinal), copied);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void Workers_BakeTheModels_WithTheProjectsScript_OrLeaveThemToAMount(string service, string file)
    {
        var dockerfile = Load(service, file);
        if (!ServiceConfig.GpuWorkers.Contains(service))
        {
            Assert.DoesNotContain(dockerfile.Stages, s => s.Name == "models");
            return;
        }
        var models = dockerfile["models"];
        var copied = models.Copies.SelectMany(c => c.Sources).ToList();
        Assert.Contains("scripts/models.sh", copied);
        Assert.Contains("scripts/models.sha256", copied);
        var run = Assert.Single(models.Arguments("RUN"));
        Assert.Contains("scripts/models.sh", run, StringComparison.Ordinal);
        Assert.Contains("BAKE_MODELS", run, StringComparison.Ordinal);
        Assert.Equal("/models", dockerfile.Final.Env["IDENTITIES_MODELS_DIR"]);
        Assert.Contains(dockerfile.Final.Copies, c => c.Options.TryGetValue("from", out var from) && from == "models" && c.Destination == "/models");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void InstallsTheNativeLibrariesThePackagesNeed(string service, string file)
    {
        var dockerfile = Load(service, file);
        var runtimeRuns = string.Join("\n", dockerfile.Final.Arguments("RUN"));
        // libOpenCvSharpExtern.so (OpenCvSharp4.official.runtime.linux-x64) links libgtk-3.so.0; Ubuntu 24.04 names the package libgtk-3-0t64.
        var needsGtk = ServiceConfig.PackageReferences(service).Contains("OpenCvSharp4.official.runtime.linux-x64");
        Assert.Equal(needsGtk, runtimeRuns.Contains("libgtk-3-0t64", StringComparison.Ordinal));

        var publishStage = string.Join("\n", dockerfile["build"].Arguments("RUN"));
        var dropsCuda = publishStage.Contains("libonnxruntime_providers_cuda.so", StringComparison.Ordinal);
        Assert.Equal(ServiceConfig.GpuWorkers.Contains(service) && !file.EndsWith(".gpu", StringComparison.Ordinal), dropsCuda);
        if (file.EndsWith(".gpu", StringComparison.Ordinal))
        {
            Assert.Equal("Cuda", dockerfile.Final.Env["Inference__ExecutionProvider"]);
        }
        else if (ServiceConfig.GpuWorkers.Contains(service))
        {
            Assert.Equal("Cpu", dockerfile.Final.Env["Inference__ExecutionProvider"]);
        }
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputsAndModelsOut_ButNothingTheDockerfilesCopy()
    {
        var ignored = File.ReadAllLines(Repo.PathOf(".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        Assert.DoesNotContain(ignored, l => l.StartsWith('!'));
        Assert.Contains("**/bin", ignored);
        Assert.Contains("**/obj", ignored);
        Assert.Contains("models", ignored);
        var topLevel = ignored.Where(l => !l.Contains('*', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        foreach (var (service, file) in All.Select(row => ((string)row[0], (string)row[1])))
        {
            var sources = Load(service, file).Stages.SelectMany(s => s.Copies).Where(c => !c.Options.ContainsKey("from")).SelectMany(c => c.Sources);
            Assert.All(sources, source =>
            {
                Assert.DoesNotContain(source.Split('/')[0], topLevel);
                Assert.True(File.Exists(Repo.PathOf(source)) || Directory.Exists(Repo.PathOf(source)), $"{file} of {service} copies {source}, which does not exist");
            });
        }
    }

    [Fact]
    public void EveryServiceHasADockerfile_AndEveryGpuWorkerAGpuVariant()
    {
        foreach (var service in ServiceConfig.Services)
        {
            Assert.True(File.Exists(Repo.PathOf("services", service, "Dockerfile")), service);
            Assert.Equal(ServiceConfig.GpuWorkers.Contains(service), File.Exists(Repo.PathOf("services", service, "Dockerfile.gpu")));
        }
    }

    private static Dockerfile Load(string service, string file) => Dockerfile.Load(Repo.PathOf("services", service, file));

    /// <summary>CUDA 13 with cuDNN (9 is what the tag's cudnn stands for in CUDA 13 images), runtime flavour, Ubuntu 24.04 like aspnet:10.0.</summary>
    [GeneratedRegex(@"^nvidia/cuda:13\.\d+\.\d+-cudnn-runtime-ubuntu24\.04$")]
    private static partial Regex CudaRuntimeImage();
}
