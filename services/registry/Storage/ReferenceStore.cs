using Identities.Contracts.Errors;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Photo references, unique across shards. A reference lives in its own slot, apart from the face that holds it, so an
/// enrollment claims it first (face id, person id, time), writes the face in the person's shard, then confirms it; an
/// enrollment that fails releases its claim. A record is only as good as the face it names: whoever meets a record
/// whose face does not exist (a crash between claim and write, or between a face's deletion and its release) resolves
/// it by that face: a confirmed record, or a claim older than the lease, is free to take over; a younger claim is an
/// enrollment in progress, which the caller waits for.
/// </summary>
public sealed class ReferenceStore(RedisConnection redis, AofDurability durability, TimeProvider time, IOptions<RegistryOptions> options)
{
    private const int PollMilliseconds = 20;

    private readonly RedisKeys _keys = redis.Keys;
    private readonly RegistryOptions _options = options.Value;

    /// <summary>Claims <paramref name="reference"/> for a face about to be written, or throws reference_exists naming its holder.</summary>
    public async Task ClaimAsync(string reference, string faceId, string personId, int shard)
    {
        var key = _keys.Reference(reference);
        var deadline = Environment.TickCount64 + _options.ReferenceClaimLeaseMilliseconds + _options.OperationTimeoutMilliseconds;
        var stale = "";
        while (true)
        {
            var reply = (RedisResult[])(await RedisRetry.RunAsync(() => redis.Database.ScriptEvaluateAsync(LuaScripts.ClaimReference, [key],
                [faceId, personId, Now(), shard, stale]), _options.OperationTimeoutMilliseconds))!;
            if ((string?)reply[0] == "claimed")
            {
                return;
            }
            var holder = (string)reply[1]!;
            var state = (string?)reply[3];
            var claimedAt = long.Parse((string)reply[4]!, CultureInfo.InvariantCulture);
            if (await HeldByAsync(reference, holder, (string?)reply[2] ?? ""))
            {
                if (state != "confirmed")
                {
                    // The holder's enrollment wrote its face but did not confirm (it crashed, or is about to): confirm it.
                    await redis.Database.ScriptEvaluateAsync(LuaScripts.ConfirmReference, [key], [holder, (string?)reply[2] ?? "", Now(), shard]);
                }
                throw Exists(reference, holder);
            }
            var age = time.GetUtcNow().ToUnixTimeMilliseconds() - claimedAt;
            if (state == "confirmed" || age >= _options.ReferenceClaimLeaseMilliseconds)
            {
                stale = holder; // its face was deleted, or its enrollment was abandoned: take over, if still so
                continue;
            }
            if (Environment.TickCount64 > deadline)
            {
                throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.ReferencePending,
                    $"Photo reference '{reference}' is being enrolled by another request; retry.");
            }
            stale = "";
            await Task.Delay(PollMilliseconds);
        }
    }

    /// <summary>Confirms the claim once the face is written and durable. Null when confirmed; else the face that took it over.</summary>
    public async Task<string?> ConfirmAsync(string reference, string faceId, string personId, int shard)
    {
        var key = _keys.Reference(reference);
        var ticket = durability.Before(key);
        var reply = (RedisResult[])(await RedisRetry.RunAsync(() => redis.Database.ScriptEvaluateAsync(LuaScripts.ConfirmReference, [key],
            [faceId, personId, Now(), shard]), _options.OperationTimeoutMilliseconds))!;
        if ((string?)reply[0] != "confirmed")
        {
            return (string)reply[1]!;
        }
        return await durability.ConfirmAsync(ticket) ? null : throw durability.NotDurable();
    }

    /// <summary>Releases the reference if it still names <paramref name="faceId"/>.</summary>
    public async Task ReleaseAsync(string reference, string faceId) =>
        await RedisRetry.RunAsync(() => redis.Database.ScriptEvaluateAsync(LuaScripts.ReleaseReference, [_keys.Reference(reference)], [faceId]),
            _options.OperationTimeoutMilliseconds);

    /// <summary>The face that holds the reference: the one its record names, if that face exists and carries the reference.</summary>
    public async Task<(string FaceId, string PersonId)?> HolderAsync(string reference)
    {
        var record = await redis.Database.HashGetAsync(_keys.Reference(reference), ["face", "person"]);
        return !record[0].IsNull && await HeldByAsync(reference, record[0].ToString(), record[1].ToString())
            ? (record[0].ToString(), record[1].ToString())
            : null;
    }

    public static RegistryException Exists(string reference, string faceId) => new(RegistryErrorKind.AlreadyExists, RegistryErrorReasons.ReferenceExists,
        $"Photo reference '{reference}' is already enrolled as face {faceId}.", faceId);

    /// <summary>Whether the face exists, in its person's shard, and carries the reference.</summary>
    private async Task<bool> HeldByAsync(string reference, string faceId, string personId) =>
        await redis.Database.HashGetAsync(_keys.Face(faceId, _keys.ShardOf(personId.Length > 0 ? personId : faceId)), "reference") == reference;

    private string Now() => StoredJson.Time(time.GetUtcNow());
}
