using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Retries a command that Redis Cluster asks to try again: TRYAGAIN (a multi-key command or script on a slot being
/// migrated whose keys are split between the two nodes, until the migration finishes), and a second redirection.
/// StackExchange.Redis follows one MOVED or ASK per command and fails on the next ("redirect not followed"): while
/// a slot's new owner is set node by node, the old owner can already say MOVED and the new one, still importing,
/// MOVED back. The node that redirected did not run the command, so sending it again is safe. Bounded by the
/// operation timeout; then the caller gets UNAVAILABLE.
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
            catch (RedisServerException ex) when ((IsTryAgain(ex) || IsRedirectNotFollowed(ex)) && Environment.TickCount64 < deadline)
            {
                await Task.Delay(delay);
                delay = Math.Min(delay * 2, 100);
            }
        }
    }

    /// <summary>Errors of a cluster in transition (migration, failover, loading) rather than of the request.</summary>
    public static bool IsTransient(RedisServerException ex) =>
        IsTryAgain(ex) || IsRedirectNotFollowed(ex) || ex.Message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal)
        || ex.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal) || ex.Message.StartsWith("LOADING", StringComparison.Ordinal)
        || ex.Message.StartsWith("READONLY", StringComparison.Ordinal);

    private static bool IsTryAgain(RedisServerException ex) => ex.Message.StartsWith("TRYAGAIN", StringComparison.Ordinal);

    /// <summary>StackExchange.Redis's own error for a redirection it did not follow (it follows one per command).</summary>
    private static bool IsRedirectNotFollowed(RedisServerException ex) =>
        ex.Message.StartsWith("Key has ", StringComparison.Ordinal) && ex.Message.Contains("redirect not followed", StringComparison.Ordinal);
}
