using Identities.Contracts.Errors;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Holds an acknowledgement back until Redis has fsynced the write to its local append-only file
/// (WAITAOF 1 0). With `appendfsync always` that costs well under a millisecond; with `everysec` up to a
/// second. WAITAOF waits for everything this connection sent before it, so it covers the caller's write.
/// </summary>
public sealed class AofDurability(RedisConnection redis, IOptions<RegistryOptions> options)
{
    private readonly RegistryOptions _options = options.Value;

    public async Task EnsureDurableAsync()
    {
        if (!_options.WaitForAof)
        {
            return;
        }
        var result = await redis.Database.ExecuteAsync("WAITAOF", 1, 0, _options.AofTimeoutMilliseconds);
        var counts = (RedisResult[])result!;
        if ((long)counts[0] < 1)
        {
            throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.NotDurable,
                $"Redis did not confirm the write in its append-only file within {_options.AofTimeoutMilliseconds} ms.");
        }
    }
}
