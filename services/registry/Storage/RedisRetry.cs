using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Retries a command that Redis Cluster asks to try again: TRYAGAIN (a multi-key command or script on a slot being
/// migrated whose keys are split between the two nodes, until the migration finishes). MOVED and ASK are followed by
/// StackExchange.Redis itself. Bounded by the operation timeout; then the caller gets UNAVAILABLE.
/// </summary>
public static class RedisRetry
{
    public static async Task<T> RunAsync<T>(Func<Task<T>> command, int timeoutMilliseconds)
    {
        var deadline = Environment.TickCount64 + timeoutMilliseconds;
        var delay = 5;
        while (true)
        {
            try
            {
                return await command();
            }
            catch (RedisServerException ex) when (IsTryAgain(ex) && Environment.TickCount64 < deadline)
            {
                await Task.Delay(delay);
                delay = Math.Min(delay * 2, 100);
            }
        }
    }

    /// <summary>Errors of a cluster in transition (migration, failover, loading) rather than of the request.</summary>
    public static bool IsTransient(RedisServerException ex) =>
        IsTryAgain(ex) || ex.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
        || ex.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal) || ex.Message.StartsWith("LOADING", StringComparison.Ordinal)
        || ex.Message.StartsWith("READONLY", StringComparison.Ordinal);

    private static bool IsTryAgain(RedisServerException ex) => ex.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal);
}
