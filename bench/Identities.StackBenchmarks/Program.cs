using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Grpc.Net.Client;
using Identities.BenchCommon;
using Identities.Embedder.V1;
using Identities.StackBenchmarks;

if (StackSettings.Parse(args, out var exitCode) is not { } settings)
{
    return exitCode;
}

var started = Stopwatch.GetTimestamp();
var root = RepositoryPaths.Root;
var photos = PhotoSet.Load();
var dataDirectory = Environment.GetEnvironmentVariable("IDENTITIES_DATA_DIR") is { Length: > 0 } data ? data : Path.Combine(root, "var");
var password = Environment.GetEnvironmentVariable("IDENTITIES_ADMIN_PASSWORD") is { Length: > 0 } fromEnv
    ? fromEnv
    : File.ReadAllText(Path.Combine(dataDirectory, "admin-password")).Trim();
// The in-process pipeline searches Redis as the registry does: as its ACL user (run.sh keeps the password).
var registryPasswordFile = Path.Combine(dataDirectory, "secrets", "redis-registry-password");
var registryPassword = File.Exists(registryPasswordFile) ? File.ReadAllText(registryPasswordFile).Trim() : null;
var redisPort = settings.Redis[(settings.Redis.LastIndexOf(':') + 1)..];
var stackPids = CpuClock.FindProcesses("Identities.Gateway.dll", "Identities.Detector.dll", "Identities.Embedder.dll", "Identities.Registry.dll", $"--port {redisPort} ");

using var gateway = new GatewayClient(settings.Gateway);
await gateway.SignInAsync("admin", password);
// The workers authorize every call: the direct gRPC calls carry the admin's token, as the gateway forwards it.
using var detectorChannel = GrpcChannel.ForAddress(settings.Detector, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20, MaxSendMessageSize = 64 << 20, HttpHandler = new BearerHandler(gateway.Token) });
using var embedderChannel = GrpcChannel.ForAddress(settings.Embedder, new GrpcChannelOptions { HttpHandler = new BearerHandler(gateway.Token) });
using var registryChannel = GrpcChannel.ForAddress(settings.Registry, new GrpcChannelOptions { HttpHandler = new BearerHandler(gateway.Token) });
Console.Error.WriteLine("[bench] loading the models in process");
await using var inProcess = await InProcessPipeline.StartAsync(settings.Redis, registryPassword is null ? null : "identities-registry", registryPassword);
var output = Console.Out;
var run = new BenchRun(settings, photos, gateway, detectorChannel, embedderChannel, registryChannel, inProcess, stackPids, output);
var model = await run.Embedder.GetModelAsync(new GetModelRequest());
if (model.ModelId != inProcess.ModelId)
{
    throw new InvalidOperationException($"The stack's embedder serves {model.ModelId} but this benchmark loaded {inProcess.ModelId}: not the same models.");
}

// Seeds for the synthetic gallery: the primary face of every photo, embedded in process.
var seeds = new List<float[]>();
foreach (var bytes in photos.Bytes)
{
    if (await Task.Run(() => inProcess.EmbedPrimaryAsync(bytes)) is { } seed)
    {
        seeds.Add(seed);
    }
}

var date = DateTime.UtcNow;
void Header(string key, string value)
{
    run.Report.Environment[key] = value;
    output.WriteLine($"- {key}: {value}");
}
output.WriteLine("# End-to-end benchmark: the stack over HTTPS against the same work in one process");
output.WriteLine();
Header("Command", $"scripts/bench.sh{(args.Length > 0 ? " " + string.Join(' ', args) : "")} (or dotnet run -c Release --project bench/Identities.StackBenchmarks against a running stack)");
Header("Date", $"{date:yyyy-MM-dd HH:mm} UTC");
Header("Machine", $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}; client, stack and in-process pipeline share them");
Header(".NET", $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}");
Header("Stack", $"gateway {settings.Gateway}, detector {settings.Detector}, embedder {settings.Embedder}, registry {settings.Registry}, Redis {settings.Redis}; {stackPids.Count} stack processes found for CPU accounting");
Header("Photos", $"{photos.Count} shared photos from {PhotoSet.Directory()} ({photos.TotalBytes / 1024.0 / photos.Count:F0} KiB on average), {seeds.Count} with a face");
Header("Mode", settings.Quick ? "QUICK (smoke check; short windows, numbers are rough)" : "full");
Header("Model", inProcess.ModelId);
output.WriteLine();

var gallery = new GalleryLoader(run.Registry, inProcess.ModelId, seeds);
if (settings.Galleries.Count > 0)
{
    Console.Error.WriteLine($"[bench] growing the gallery to {settings.Galleries[0]:N0} synthetic faces before the throughput rows");
    await gallery.GrowToAsync(settings.Galleries[0]);
    output.WriteLine($"Sections 1 and 2 run with {gallery.Enrolled:N0} synthetic faces enrolled (every faceDetect searches them).");
    output.WriteLine();
}

// Warm every path (JIT, connection pools, TLS sessions, ORT allocations) before anything is measured.
Console.Error.WriteLine("[bench] warming up every path");
for (var i = 0; i < Math.Min(photos.Count, 8); i++)
{
    await gateway.DetectAsync(photos.DetectBodies[i]);
    await gateway.CompareAsync(photos.CompareBodies[i]);
    await inProcess.DetectAsync(photos.DetectBodies[i]);
    await inProcess.CompareAsync(photos.CompareBodies[i]);
}

await ThroughputSection.RunAsync(run);
await BreakdownSection.RunAsync(run);
await SearchSection.RunAsync(run, gallery, seeds);

var jsonPath = settings.JsonPath ?? Path.Combine(root, "var", "bench", $"stack-{date:yyyyMMdd-HHmm}.json");
run.Report.Write(jsonPath);
var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
output.WriteLine($"Results as JSON: {jsonPath}. Total run time: {total:F0} s ({total / 60:F1} min).");
return 0;
