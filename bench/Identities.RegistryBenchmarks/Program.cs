using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using Identities.RegistryBenchmarks;

BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(BenchSettings.Usage);
    return 2;
}
if (settings.Help)
{
    Console.WriteLine(BenchSettings.Usage);
    return 0;
}

var output = Console.Out;
var runStarted = Stopwatch.GetTimestamp();
var sections = settings.Sections;

// One data set for every section: the largest gallery any selected section needs (a prefix serves the smaller).
var needed = new List<int> { 1_000 };
if (sections.Contains('a'))
{
    needed.Add(settings.LeverFaces * 5 / 2); // the set, then six client stretches of a quarter of it
}
if (sections.Contains('b') || sections.Contains('c'))
{
    needed.Add(settings.ScaleFaces);
}
if (sections.Contains('d'))
{
    needed.Add(settings.BigFaces);
}
if (sections.Contains('e') || sections.Contains('f'))
{
    needed.Add(settings.EnrollPreload + settings.EnrollSequential + (2 * settings.EnrollConcurrent) + (6 * settings.BulkFaces));
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
await using (var probeServer = await RedisProcess.StartVolatileAsync())
{
    redisVersion = await probeServer.VersionAsync();
}

output.WriteLine("# Registry vector-set benchmark (Redis 8 VADD/VSIM)");
output.WriteLine();
output.WriteLine($"- Command: `dotnet run -c Release --project bench/Identities.RegistryBenchmarks --{(args.Length > 0 ? " " + string.Join(' ', args) : "")}`");
output.WriteLine($"- Process: `{Environment.CommandLine}`");
output.WriteLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
output.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores, {MachineInfo.CpuModel()}, {MachineInfo.MemoryTotal()} RAM, {RuntimeInformation.OSDescription}");
output.WriteLine($"- .NET {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {BuildConfiguration()} build; StackExchange.Redis {typeof(StackExchange.Redis.ConnectionMultiplexer).Assembly.GetName().Version}");
output.WriteLine($"- Redis {redisVersion} ({RedisProcess.BinDirectory}), started by the benchmark on a free port in a temporary folder; client and server on this machine (loopback)");
var model = settings.Data == DataModel.Face
    ? $"face model: centre and per-photo variation drawn in an anisotropic space, variance spectrum λ_i ∝ i^-{data.SpectrumExponent.ToString("F2", CultureInfo.InvariantCulture)} under a random rotation, calibrated so that different-person cosines spread as the real model's on the shared photos (σ {FaceData.MeasuredDifferentPersonDeviation.ToString(CultureInfo.InvariantCulture)})"
    : $"isotropic model: random unit centre + N(0, {FaceData.NoiseSigma.ToString(CultureInfo.InvariantCulture)}²) per component, normalised";
output.WriteLine($"- Data: {FaceData.Dimension}-d unit vectors, {FaceData.FacesPerIdentity} faces per identity, {model}; seed {settings.Seed}; " +
    $"same-identity cosine {cosines.Same:F2} on average, different identities {cosines.Different:F3} ± {cosines.DifferentDeviation:F3}, best other-identity cosine of a face {cosines.NearestOtherIdentity:F2} (in 20k). " +
    "Queries: new noisy samples of enrolled identities.");
output.WriteLine("- recall@1 vs TRUTH: VSIM's top-1 equals `VSIM ... TRUTH`'s (Redis's linear scan over the stored, i.e. quantized, vectors). " +
    "top-1 = exact: equals float32 brute force over the original vectors (what NOQUANT vs Q8 changes). right identity: the top-1 face is the query's person. " +
    "Latency: per query at the client, loopback round trip, fan-out and merge included.");
output.WriteLine($"- Mode: {(settings.Quick ? "QUICK (smoke check; small sizes, numbers are rough)" : "full")}; sections {string.Join(",", sections.Order())}; budget {settings.Budget.TotalMinutes:F0} min");
output.WriteLine();
output.Flush();

var context = new BenchContext(settings, output, data);
if (settings.Insert is { } forced)
{
    context.Transport = forced;
    context.Chosen = forced;
}
if (sections.Contains('a'))
{
    context.Log("section a starts");
    await LeverSection.RunAsync(context);
}
if (context.Transport is null)
{
    context.Transport = new InsertConfig("NOQUANT", Cas: true, Connections: 4, InFlight: 16);
    output.WriteLine($"Client side for sections b-d: **{context.Transport.Transport}** (section a did not run; a fixed default).");
    output.WriteLine();
}
if (!sections.Contains('b') && context.Chosen is null)
{
    context.Chosen = context.Transport with { Quant = "NOQUANT", Ef = 0, M = 0, Reduce = 0 };
    output.WriteLine($"Insert configuration for sections c-d: **{context.Chosen}** (section b did not run: the registry's VADD defaults).");
    output.WriteLine();
}
// Section b's servers live on: section c reuses both, and section d keeps loading into the first one's set.
(RedisProcess Primary, RedisProcess Secondary)? scaleServers = null;
try
{
    if (sections.Contains('b'))
    {
        context.Log("section b starts");
        scaleServers = await ScaleSection.RunAsync(context);
    }
    if (sections.Contains('c'))
    {
        context.Log("section c starts");
        await ShardingSection.RunAsync(context, scaleServers);
    }
    if (scaleServers is { } servers)
    {
        await servers.Secondary.DisposeAsync();
    }
    if (sections.Contains('e') || sections.Contains('f'))
    {
        context.Log("sections e/f start");
        await EnrollmentSection.RunAsync(context);
    }
    if (sections.Contains('d'))
    {
        context.Log("section d starts");
        await BigSection.RunAsync(context);
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
}
finally
{
    if (scaleServers is { } servers)
    {
        await servers.Primary.DisposeAsync();
        await servers.Secondary.DisposeAsync();
    }
}

var total = Stopwatch.GetElapsedTime(runStarted).TotalSeconds;
context.Log($"done after {total:F0} s");
output.WriteLine($"Total run time: {total:F0} s ({total / 60:F1} min)");
return 0;

static string BuildConfiguration()
{
#if DEBUG
    return "DEBUG (numbers are not representative; use -c Release)";
#else
    return "Release";
#endif
}
