using System.Diagnostics;
using System.Runtime.InteropServices;
using Identities.DetectionBenchmarks;

if (DetectionSettings.Parse(args, out var exitCode) is not { } settings)
{
    return exitCode;
}

if (settings.Explain is not null)
{
    using var explainer = new DetectorHarness();
    ExplainCommand.Run(explainer, settings.Explain, Console.Out);
    return 0;
}

var root = RepositoryPaths.Root;
var detectionDirectory = DetectionPhotos.Directory;
if (!Directory.Exists(detectionDirectory))
{
    Console.Error.WriteLine($"Detection photos not found at {detectionDirectory}; set IDENTITIES_DETECTION_DIR.");
    return 1;
}
var photos = TruthLoader.Load(detectionDirectory, Path.Combine(root, "bench", "Identities.DetectionBenchmarks", "Truth"));
var output = Console.Out;
var started = Stopwatch.GetTimestamp();
using var harness = new DetectorHarness();

output.WriteLine("# Identities detection benchmark");
output.WriteLine();
output.WriteLine($"- Command: `dotnet run -c Release --project bench/Identities.DetectionBenchmarks --{(args.Length > 0 ? " " + string.Join(' ', args) : "")}`");
output.WriteLine($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} logical cores, {MachineInfo.CpuModel()}, {RuntimeInformation.OSArchitecture}; CPU, one intra-op thread");
output.WriteLine($"- Photos: {photos.Count} of {detectionDirectory} ({photos.Sum(p => p.JudgedFaces)} judged faces); ground truth: dlib's XML and bench/Identities.DetectionBenchmarks/Truth");
output.WriteLine();

if (settings.Sections.Contains(1))
{
    new AccuracySection(harness, photos, output, settings.Variants).Run();
}
if (settings.Sections.Contains(2))
{
    new ScoreSection(harness, photos, output).Run();
}
var cost = new CostSection(harness, output, settings.Reps);
if (settings.Sections.Contains(3))
{
    cost.RunDetectionPhotos(photos);
}
if (settings.Sections.Contains(4))
{
    cost.RunDeepface(RepositoryPaths.Faces);
}
if (settings.Gateway is not null)
{
    await new CrowdSection(settings.Gateway, output, settings.Reps).RunAsync(new[] { "ulfd/17.jpg", "ulfd/25.jpg" }.Select(f => Path.Combine(detectionDirectory, f)));
}
output.WriteLine($"Run time: {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s.");
return 0;
