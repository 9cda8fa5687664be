using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Identities.RegistryBenchmarks;

if (BenchSettings.Parse(args, out var exitCode) is not { } settings)
{
    return exitCode;
}

var output = Console.Out;
var runStarted = Stopwatch.GetTimestamp();
var sections = settings.Sections;

// One data set for every section: the largest gallery any selected section needs (a prefix serves the smaller).
var needed = new List<int> { 1_000 };
if (sections.Contains('b'))
{
    needed.Add(settings.ScaleFaces);
}
if (sections.Contains('e'))
{
    needed.Add(settings.EnrollPreload + settings.EnrollSequential + (2 * settings.EnrollConcurrent));
}
if (sections.Contains('g'))
{
    needed.Add(settings.ShardSizes.Max());
}
if (sections.Contains('h'))
{
    needed.Add(settings.ClusterSizes.Max());
}
var generation = Stopwatch.StartNew();
var data = FaceData.Generate(needed.Max(), settings.Seed, settings.Data);
Console.Error.WriteLine($"[bench] generated {data.Count:N0} faces in {generation.Elapsed.TotalSeconds:F1} s");
var cosines = data.Statistics(Math.Min(data.Count, 100_000));

string redisVersion;
await using (var probeServer = await BenchRedis.StartAsync(durable: false))
{
    redisVersion = await probeServer.VersionAsync();
}

output.WriteLine("# Registry benchmark (FaceStore and VectorSearch on Redis 8 vector sets)");
output.WriteLine();
output.WriteLine($"- Command: `dotnet run -c Release --project bench/Identities.RegistryBenchmarks --{(args.Length > 0 ? " " + string.Join(' ', args) : "")}`");
output.WriteLine($"- Process: `{Environment.CommandLine}`");
output.WriteLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
output.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores, {MachineInfo.CpuModel()}, {MachineInfo.MemoryTotal()} RAM, {RuntimeInformation.OSDescription}");
output.WriteLine($"- .NET {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {MachineInfo.BuildConfiguration()} build; StackExchange.Redis {typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly.GetName().Version}");
output.WriteLine($"- Redis {redisVersion} ({RedisScript.BinDirectory}), started by the benchmark through the tests' RedisServer / RedisCluster on free ports in temporary folders; client and servers on this machine (loopback)");
var model = settings.Data == DataModel.Face
    ? $"face model: centre and per-photo variation drawn in an anisotropic space, variance spectrum λ_i ∝ i^-{data.SpectrumExponent.ToString("F2", CultureInfo.InvariantCulture)} under a random rotation, calibrated so that different-person cosines spread as the real model's on the shared photos (σ {FaceData.MeasuredDifferentPersonDeviation.ToString(CultureInfo.InvariantCulture)})"
    : $"isotropic model: random unit centre + N(0, {FaceData.NoiseSigma.ToString(CultureInfo.InvariantCulture)}²) per component, normalised";
output.WriteLine($"- Data: {FaceData.Dimension}-d unit vectors, {FaceData.FacesPerIdentity} faces per identity, {model}; seed {settings.Seed}; " +
    $"same-identity cosine {cosines.Same:F2} on average, different identities {cosines.Different:F3} ± {cosines.DifferentDeviation:F3}, best other-identity cosine of a face {cosines.NearestOtherIdentity:F2} (in 20k). " +
    "Queries: new noisy samples of enrolled identities.");
output.WriteLine("- recall@1: the registry's top-1 equals float32 brute force over the original vectors; right person: the top-1 face is the query's person. " +
    "Latency: per VectorSearch.SearchAsync call at the client (loopback, every shard, re-rank included). Percentiles: nearest rank.");
output.WriteLine($"- Mode: {(settings.Quick ? "QUICK (smoke check; small sizes, numbers are rough)" : "full")}; sections {string.Join(",", sections.Order())}");
output.WriteLine();
output.Flush();

var context = new BenchContext(settings, output, data);
if (sections.Contains('b'))
{
    context.Log("section b starts");
    await ScaleSection.RunAsync(context);
}
if (sections.Contains('e'))
{
    context.Log("section e starts");
    await EnrollmentSection.RunAsync(context);
}
if (sections.Contains('g'))
{
    context.Log("section g starts");
    await ShardSizeSection.RunAsync(context);
}
if (sections.Contains('h'))
{
    context.Log("section h starts");
    await ClusterSection.RunAsync(context);
}

var total = Stopwatch.GetElapsedTime(runStarted).TotalSeconds;
context.Log($"done after {total:F0} s");
output.WriteLine($"Total run time: {total:F0} s ({total / 60:F1} min)");
return 0;
