using Identities.Contracts.Errors;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Deleting a face or a person: one script in the person's shard (every key in KEYS, read first and checked by the
/// script, which answers 'changed' if they moved meanwhile), then each photo reference released in its own slot. A
/// crash between the two leaves a reference naming a face that no longer exists, which counts as free (ReferenceStore).
/// </summary>
public sealed class Deletions(RedisConnection redis, AofDurability durability, ReferenceStore references, TimeProvider time, IOptions<RegistryOptions> options)
{
    private const int Attempts = 10;

    private readonly RedisKeys _keys = redis.Keys;
    private readonly RegistryOptions _options = options.Value;

    /// <summary>Deletes a face with its vector and reference; returns its person's id, or null if there is no such face.</summary>
    public async Task<string?> DeleteFaceAsync(string faceId)
    {
        var database = redis.Database;
        var shard = _keys.ShardOf(faceId);
        var pointer = await database.HashGetAsync(_keys.Face(faceId), "home");
        if (!pointer.IsNull)
        {
            shard = _keys.ShardOf(pointer.ToString()); // a face copied from the old layout: its hash is in its person's shard
        }
        var faceKey = _keys.Face(faceId, shard);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var face = await database.HashGetAsync(faceKey, ["person", "model"]);
            if (face[0].IsNull)
            {
                return null;
            }
            string personId = face[0]!, model = face[1].IsNull ? "" : face[1].ToString();
            var ticket = durability.Before(faceKey);
            var result = await RedisRetry.RunAsync(() => database.ScriptEvaluateAsync(LuaScripts.DeleteFace,
                [faceKey, _keys.Person(personId), _keys.PersonFaces(personId), _keys.Vectors(model, shard), _keys.FaceCount(shard)],
                [faceId, personId, model, StoredJson.Time(time.GetUtcNow())]), _options.OperationTimeoutMilliseconds);
            if (result.IsNull)
            {
                return null;
            }
            var reply = (RedisResult[])result!;
            if ((string?)reply[0] == "changed")
            {
                continue;
            }
            await durability.EnsureAsync(ticket);
            if ((string?)reply[1] is { Length: > 0 } reference)
            {
                await references.ReleaseAsync(reference, faceId);
            }
            if (!pointer.IsNull)
            {
                await database.KeyDeleteAsync(_keys.Face(faceId));
            }
            return personId;
        }
        throw Contended();
    }

    /// <summary>Deletes a person with every face, vector and reference; returns how many faces went, or -1 if unknown.</summary>
    public async Task<int> DeletePersonAsync(string personId)
    {
        var database = redis.Database;
        var shard = _keys.ShardOf(personId);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var faceIds = (await database.SetMembersAsync(_keys.PersonFaces(personId))).Select(f => f.ToString()).ToArray();
            var models = await Task.WhenAll(faceIds.Select(f => database.HashGetAsync(_keys.Face(f, shard), "model")));
            var keys = new List<RedisKey> { _keys.Person(personId), _keys.PersonFaces(personId), _keys.Persons(shard), _keys.FaceCount(shard) };
            for (var i = 0; i < faceIds.Length; i++)
            {
                keys.Add(_keys.Face(faceIds[i], shard));
                keys.Add(_keys.Vectors(models[i].IsNull ? "" : models[i].ToString(), shard));
            }
            RedisValue[] values = [personId, .. faceIds.Select(f => (RedisValue)f)];
            var ticket = durability.Before(keys[0]);
            var result = await RedisRetry.RunAsync(() => database.ScriptEvaluateAsync(LuaScripts.DeletePerson, [.. keys], values),
                _options.OperationTimeoutMilliseconds);
            if (result.IsNull)
            {
                return -1;
            }
            var reply = (RedisResult[])result!;
            if ((string?)reply[0] == "changed")
            {
                continue;
            }
            await durability.EnsureAsync(ticket);
            for (var i = 1; i + 1 < reply.Length; i += 2)
            {
                await references.ReleaseAsync((string)reply[i]!, (string)reply[i + 1]!);
            }
            foreach (var moved in faceIds.Where(f => _keys.ShardOf(f) != shard))
            {
                await database.KeyDeleteAsync(_keys.Face(moved)); // the pointer of a face copied from the old layout
            }
            return faceIds.Length;
        }
        throw Contended();
    }

    private static RegistryException Contended() =>
        new(RegistryErrorKind.Unavailable, RegistryErrorReasons.Contended, "The person changed during every attempt to delete; retry.");
}
