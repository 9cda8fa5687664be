using System.Diagnostics;
using Identities.Registry.Storage;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Enrolls the benchmark's faces through the registry's own FaceStore.EnrollAsync: whole persons (5 faces each, the
/// first creating the person) taken in order by concurrent callers, until done or a deadline. Every section that
/// fills a vector set goes through here, so each measures the registry's writes, not a copy of them.
/// </summary>
internal static class RegistryLoader
{
    public const string Model = "bench-face-model";

    /// <summary>
    /// Enrolls faces [from, to) with <paramref name="callers"/> concurrent callers; with <paramref name="references"/>, each
    /// face carries a photo reference (one more key and write, as a caller's photoReferenceId does). Stops taking persons
    /// at <paramref name="deadline"/> (a Stopwatch timestamp); <paramref name="progress"/> hears the count every 50,000 faces.
    /// An enrollment refused by Redis (a node lost, a failover: the registry's UNAVAILABLE) is tried again after a second,
    /// up to a minute, as a caller would; <paramref name="failed"/> hears each refusal, so a long load survives a
    /// cluster event and its report says it happened.
    /// </summary>
    public static async Task<LoadRun> EnrollAsync(FaceStore store, FaceData data, int from, int to, int callers, bool references = false,
        long deadline = long.MaxValue, Action<int>? progress = null, Action<Exception>? failed = null)
    {
        var enrolled = 0;
        var persons = (to - from) / FaceData.FacesPerIdentity;
        var latencies = new double[persons * FaceData.FacesPerIdentity];
        var indexOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int p;
            while (Stopwatch.GetTimestamp() < deadline && (p = Interlocked.Increment(ref next)) < persons)
            {
                string? personId = null;
                for (var k = 0; k < FaceData.FacesPerIdentity; k++)
                {
                    var slot = (p * FaceData.FacesPerIdentity) + k;
                    var index = from + slot;
                    var record = new EnrollmentRecord(personId, personId is null ? new PersonDetailsRecord($"person {index / FaceData.FacesPerIdentity}", ["bench"], null) : null,
                        data.Face(index).ToArray(), Model, new BoxRecord(10, 20, 112, 112), 0.9f, references ? $"photo-{index}" : "", $"detect-{index}");
                    var t0 = Stopwatch.GetTimestamp();
                    var result = await EnrollWithRetryAsync(store, record, failed);
                    latencies[slot] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    personId = result.PersonId;
                    var count = Interlocked.Increment(ref enrolled);
                    if (count % 50_000 == 0)
                    {
                        progress?.Invoke(from + count);
                    }
                    lock (indexOf)
                    {
                        indexOf[result.FaceId] = index;
                    }
                }
            }
        })));
        // Callers take persons in order and finish the one they took, so persons [0, next] are all in.
        var done = Math.Min(Volatile.Read(ref next) + 1, persons) * FaceData.FacesPerIdentity;
        return new LoadRun(from + done, done, Stopwatch.GetElapsedTime(started).TotalSeconds, [.. latencies.Take(done).Order()], indexOf);
    }

    private static async Task<EnrollmentResult> EnrollWithRetryAsync(FaceStore store, EnrollmentRecord record, Action<Exception>? failed)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await store.EnrollAsync(record);
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException && attempt < 60)
            {
                // FaceStore undoes a failed attempt where Redis still answers; the report counts refusals, so a run
                // with any says so.
                failed?.Invoke(ex);
                await Task.Delay(1000);
            }
        }
    }
}
