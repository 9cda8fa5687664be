using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using Identities.Benchmarks;
using Identities.Detector;
using Identities.Embedder;
using Identities.Detector.Alignment;
using Identities.Detector.Imaging;
using Identities.Detector.Pipeline;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

if (BenchSettings.Parse(args, out var exitCode) is not { } settings)
{
    return exitCode;
}

var output = Console.Out;
var runStarted = Stopwatch.GetTimestamp();
using var env = new BenchEnvironment(settings);

// Photos: read, decoded once for their size (and to fail early on a bad file).
var decoder = new ImageDecoder(Options.Create(new DetectorOptions()));
var photos = new List<Photo>();
foreach (var file in env.SelectPhotoFiles(settings.Photos))
{
    var bytes = File.ReadAllBytes(file);
    using var image = decoder.Decode(bytes);
    photos.Add(new Photo(Path.GetFileName(file), bytes, image.Cols, image.Rows));
}

// The service defaults: one intra-op thread per session, no spinning.
var defaults = env.Inference(intraOpThreads: 1, allowSpinning: false);
using var detector = BenchEnvironment.LoadDetector(defaults);
using var embedder = BenchEnvironment.LoadEmbeddingModel(defaults, new EmbedderOptions());
var embedding = embedder.Session;
if (embedding.InputWidth != FaceAligner.Size || embedding.InputHeight != FaceAligner.Size)
{
    throw new InvalidDataException($"The embedder takes {embedding.InputWidth}x{embedding.InputHeight}; the aligner makes {FaceAligner.Size}x{FaceAligner.Size}.");
}

// Warm-up over every photo; the primary faces' aligned crops feed the embedder sections.
var pipeline = env.Pipeline(detector, new DetectorOptions());
var crops = new List<byte[]>();
foreach (var photo in photos)
{
    var result = pipeline.Detect(photo.Bytes, new DetectionRequestOptions(), CancellationToken.None);
    if (result.Faces.Count > 0 && result.Faces[0].AlignedRgb is { } rgb)
    {
        crops.Add(rgb);
    }
}
if (crops.Count == 0)
{
    throw new InvalidOperationException("No face found in the selected photos; nothing to embed.");
}

output.WriteLine("# Identities CPU benchmark");
output.WriteLine();
output.WriteLine($"- Command: `dotnet run -c Release --project bench/Identities.Benchmarks --{(args.Length > 0 ? " " + string.Join(' ', args) : "")}`");
output.WriteLine($"- Process: `{Environment.CommandLine}`");
output.WriteLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
output.WriteLine($"- Machine: {Environment.ProcessorCount} logical cores (Environment.ProcessorCount), {MachineInfo.CpuModel()}, {RuntimeInformation.OSArchitecture}");
output.WriteLine($"- OS: {RuntimeInformation.OSDescription}");
output.WriteLine($"- .NET: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {MachineInfo.BuildConfiguration()} build");
output.WriteLine($"- ONNX Runtime {OrtEnv.Instance().GetVersionString()}: sessions run on {embedding.Provider} (ExecutionProvider={settings.Provider}); providers in this build: {string.Join(", ", OrtEnv.Instance().GetAvailableProviders())}");
output.WriteLine($"- Models: {env.ModelsDirectory}");
output.WriteLine($"- Photos: {photos.Count} of {env.FacesDirectory} ({string.Join(", ", photos.Select(p => p.Name))}); {crops.Count} primary-face crops for the embedder sections");
output.WriteLine($"- Mode: {(settings.Quick ? "quick (smoke check; numbers are rough)" : "full")}; sections {string.Join(",", settings.Sections.Order())}");
output.WriteLine();

if (settings.Sections.Contains(1))
{
    var probe = Progress(1);
    new StageBenchmark(env, photos, detector, embedding).Run(output);
    Report(probe);
}
if (settings.Sections.Contains(2))
{
    var probe = Progress(2);
    new EmbedderThroughputBenchmark(env, crops).Run(output);
    Report(probe);
}
if (settings.Sections.Contains(3))
{
    var probe = Progress(3);
    await new BatcherBenchmark(env, crops).RunAsync(output);
    Report(probe);
}
if (settings.Sections.Contains(4))
{
    var probe = Progress(4);
    new SharedProcessBenchmark(env, photos).Run(output);
    Report(probe);
}
if (settings.Sections.Contains(5))
{
    var probe = Progress(5);
    new ReducedDecodeBenchmark(env, photos, detector).Run(output);
    Report(probe);
}

Console.Error.WriteLine($"[bench] done after {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:F0} s");
output.WriteLine($"Total run time: {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:F0} s");
return 0;

// Progress goes to stderr, so stdout holds only the report.
CpuProbe Progress(int section)
{
    Console.Error.WriteLine($"[bench] section {section} starts at {Stopwatch.GetElapsedTime(runStarted).TotalSeconds:F0} s");
    return new CpuProbe();
}

void Report(CpuProbe probe)
{
    var line = probe.Describe("This section");
    output.WriteLine(line);
    output.WriteLine();
    Console.Error.WriteLine("[bench] " + line);
}
