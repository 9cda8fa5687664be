using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Identities.MicroBenchmarks;

/// <summary>
/// A short job (3 warm-up and 10 measured iterations in one launch) so the whole suite runs in a few minutes
/// on the shared 2-core machine; the memory diagnoser shows which parts allocate per call. Reports go to
/// artifacts/microbenchmarks (git-ignored).
/// </summary>
internal static class MicroBenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(10).WithLaunchCount(1).WithId("Short"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithArtifactsPath(Path.Combine(Identities.Testing.RepositoryPaths.Root, "artifacts", "microbenchmarks"));
}
