using System.Reflection;
using BenchmarkDotNet.Running;
using Identities.MicroBenchmarks;

// Benchmarks that read a shared photo are left out, with the reason, when the photos are absent.
var types = typeof(SharedPhoto).Assembly.GetTypes()
    .Where(t => t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkDotNet.Attributes.BenchmarkAttribute>() is not null))
    .ToList();
if (!SharedPhoto.Available)
{
    var skipped = types.Where(t => t.GetCustomAttribute<NeedsSharedPhotoAttribute>() is not null).ToList();
    Console.Error.WriteLine($"Skipping {string.Join(", ", skipped.Select(t => t.Name))}: {SharedPhoto.PathOf} not found " +
        "(set IDENTITIES_FACES_DIR to the deepface photo folder).");
    types = [.. types.Except(skipped)];
}
BenchmarkSwitcher.FromTypes([.. types]).Run(args, MicroBenchmarkConfig.Create());
