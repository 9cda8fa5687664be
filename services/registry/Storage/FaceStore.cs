using System.Globalization;
using Identities.Contracts.Errors;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>Faces: enroll (all or nothing), list, delete, and photo-reference look-ups.</summary>
public sealed class FaceStore(RedisConnection redis, AofDurability durability, TimeProvider time, IOptions<RegistryOptions> options)
{
    private static readonly RedisValue[] FaceFields = ["person", "model", "box", "quality", "reference", "detect", "created"];

    private readonly RedisKeys _keys = redis.Keys;
    private readonly RegistryOptions _options = options.Value;

    public async Task<EnrollmentResult> EnrollAsync(EnrollmentRecord enrollment)
    {
        var create = enrollment.PersonId is null;
        var personId = enrollment.PersonId ?? Guid.CreateVersion7().ToString();
        var faceId = Guid.CreateVersion7().ToString();
        var details = enrollment.NewPerson ?? new PersonDetailsRecord(null, null, null);
        var reference = enrollment.PhotoReferenceId;

        RedisKey[] keys =
        [
            _keys.Person(personId),
            _keys.Persons,
            _keys.PersonFaces(personId),
            _keys.Face(faceId),
            reference.Length > 0 ? _keys.Reference(reference) : _keys.Face(faceId),
            _keys.Vectors(enrollment.ModelId, VectorShards.ShardOf(faceId, _options.VectorShards), _options.VectorShards),
        ];
        RedisValue[] values =
        [
            create ? "create" : "existing",
            personId,
            faceId,
            details.Name ?? "",
            StoredJson.Tags(details.Tags),
            StoredJson.Attributes(details.Attributes),
            StoredJson.Time(time.GetUtcNow()),
            enrollment.ModelId,
            StoredJson.Box(enrollment.Box),
            enrollment.Quality.ToString("R", CultureInfo.InvariantCulture),
            reference,
            enrollment.DetectId,
            VectorBlob.FromFloats(enrollment.Vector),
            enrollment.Vector.Length,
            _options.Quantization,
            _options.BuildExplorationFactor,
            _options.MaxLinks,
            _options.FaultAfterEnrollmentStep,
        ];

        var reply = (RedisResult[])(await redis.Database.ScriptEvaluateAsync(LuaScripts.Enroll, keys, values))!;
        var status = (string)reply[0]!;
        switch (status)
        {
            case "ok":
                await durability.EnsureDurableAsync();
                return new EnrollmentResult(faceId, personId, create);
            case RegistryErrorReasons.PersonNotFound:
                throw PersonStore.PersonNotFound(personId);
            case RegistryErrorReasons.ReferenceExists:
                var existing = (string)reply[1]!;
                throw new RegistryException(RegistryErrorKind.AlreadyExists, RegistryErrorReasons.ReferenceExists,
                    $"Photo reference '{reference}' is already enrolled as face {existing}.", existing);
            case RegistryErrorReasons.DimensionMismatch:
                throw new RegistryException(RegistryErrorKind.InvalidArgument, RegistryErrorReasons.DimensionMismatch,
                    $"Model '{enrollment.ModelId}' has {(string)reply[1]!}-d vectors; this vector has {enrollment.Vector.Length}.");
            case "person_exists":
                throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.IdCollision, "A new person id collided; retry.");
            default:
                // rolled_back: a write failed and every earlier write of this enrollment was undone.
                throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.EnrollmentRolledBack,
                    $"Enrollment failed and was rolled back: {(string?)reply.ElementAtOrDefault(1)}");
        }
    }

    public async Task<IReadOnlyList<FaceRecord>> ListAsync(string personId)
    {
        var database = redis.Database;
        if (!await database.KeyExistsAsync(_keys.Person(personId)))
        {
            throw PersonStore.PersonNotFound(personId);
        }
        var faceIds = await database.SetMembersAsync(_keys.PersonFaces(personId));
        var faces = new List<FaceRecord>(faceIds.Length);
        foreach (var faceId in faceIds.Select(f => f.ToString()).Order(StringComparer.Ordinal))
        {
            if (await GetAsync(faceId) is { } face)
            {
                faces.Add(face);
            }
        }
        return faces;
    }

    public async Task<FaceRecord?> GetAsync(string faceId)
    {
        // Named fields only: the face hash also holds the 2 KB FP32 vector, which no caller of this needs.
        var f = await redis.Database.HashGetAsync(_keys.Face(faceId), FaceFields);
        if (f[0].IsNull)
        {
            return null;
        }
        return new FaceRecord(
            faceId,
            f[0].ToString(),
            f[1].ToString(),
            StoredJson.ReadBox(f[2].IsNull ? null : f[2].ToString()),
            float.TryParse(f[3].ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0,
            f[4].ToString(),
            f[5].ToString(),
            StoredJson.ReadTime(f[6].IsNull ? null : f[6].ToString()));
    }

    /// <summary>Deletes a face with its vector and reference; returns its person's id.</summary>
    public async Task<string> DeleteAsync(string faceId)
    {
        var result = await redis.Database.ScriptEvaluateAsync(LuaScripts.DeleteFace,
            [_keys.Face(faceId)], [_keys.Prefix, faceId, StoredJson.Time(time.GetUtcNow())]);
        if (result.IsNull)
        {
            throw new RegistryException(RegistryErrorKind.NotFound, RegistryErrorReasons.FaceNotFound, $"Face {faceId} does not exist.");
        }
        await durability.EnsureDurableAsync();
        return (string)result!;
    }

    public async Task<ReferenceRecord?> CheckReferenceAsync(string referenceId)
    {
        var faceId = await redis.Database.StringGetAsync(_keys.Reference(referenceId));
        if (faceId.IsNull || await GetAsync(faceId.ToString()) is not { } face)
        {
            return null;
        }
        return new ReferenceRecord(face.FaceId, face.DetectId, face.PersonId);
    }
}
