using Identities.Contracts.Errors;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// Faces: enroll (all or nothing, the photo reference unique across shards), list, delete, reference look-ups.
/// An enrollment: claim the reference (its own slot), one script in the person's shard, WAITAOF there, confirm the
/// reference (WAITAOF there too). Whatever fails after the script undoes the face before the caller hears of it, so an
/// answer is exact: OK means stored and durable, an error means not stored, except enrollment_unconfirmed (the undo
/// itself could not be confirmed), which says so and names the face.
/// </summary>
public sealed class FaceStore(
    RedisConnection redis, AofDurability durability, ReferenceStore references, Deletions deletions, ModelDimensions dimensions, TimeProvider time,
    IOptions<RegistryOptions> options, RegistryMetrics? metrics = null)
{
    private static readonly RedisValue[] FaceFields = ["person", "model", "box", "quality", "reference", "detect", "created", "home"];

    private readonly RedisKeys _keys = redis.Keys;
    private readonly RegistryOptions _options = options.Value;

    public async Task<EnrollmentResult> EnrollAsync(EnrollmentRecord enrollment)
    {
        var create = enrollment.PersonId is null;
        var personId = enrollment.PersonId ?? Guid.CreateVersion7().ToString();
        var shard = _keys.ShardOf(personId);
        var faceId = Shards.NewIdIn(shard, _keys.Shards);
        var reference = enrollment.PhotoReferenceId;

        await dimensions.CheckAsync(enrollment.ModelId, enrollment.Vector.Length);
        if (reference.Length > 0)
        {
            await references.ClaimAsync(reference, faceId, personId, shard);
        }
        CrashPoint("claim");
        var ticket = durability.Before(_keys.Face(faceId));
        string status;
        RedisResult[] reply;
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            reply = (RedisResult[])(await RedisRetry.RunAsync(() => redis.Database.ScriptEvaluateAsync(LuaScripts.Enroll,
                EnrollKeys(personId, faceId, enrollment.ModelId, shard), EnrollValues(enrollment, create, personId, faceId)),
                _options.OperationTimeoutMilliseconds))!;
            metrics?.Stages.Record("enroll", started);
            metrics?.RecordRoundTrips("enroll", 1);
            status = (string)reply[0]!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The script may or may not have run (a timeout after sending it): undo whatever it did.
            await UndoAsync(create, personId, faceId, reference);
            throw;
        }
        if (status != "ok")
        {
            if (reference.Length > 0)
            {
                await references.ReleaseAsync(reference, faceId);
            }
            throw Refusal(status, reply, enrollment, personId);
        }
        if (_options.FaultDropConnectionAfterEnrollment)
        {
            await DropWriteConnectionAsync(_keys.Face(faceId));
        }
        CrashPoint("write");
        if (!await durability.ConfirmAsync(ticket))
        {
            await UndoAsync(create, personId, faceId, reference);
            throw durability.NotDurable();
        }
        if (!await dimensions.RecordAsync(enrollment.ModelId, enrollment.Vector.Length))
        {
            await UndoAsync(create, personId, faceId, reference);
            throw ModelDimensions.Mismatch(enrollment.ModelId, await dimensions.GetAsync(enrollment.ModelId), enrollment.Vector.Length);
        }
        if (reference.Length > 0)
        {
            string? holder;
            try
            {
                holder = await references.ConfirmAsync(reference, faceId, personId, shard);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or RegistryException)
            {
                await UndoAsync(create, personId, faceId, reference);
                throw durability.NotDurable();
            }
            if (holder is not null)
            {
                // Our claim outlived its lease and another enrollment took the reference over: ours gives way.
                await UndoAsync(create, personId, faceId, "");
                throw ReferenceStore.Exists(reference, holder);
            }
        }
        return new EnrollmentResult(faceId, personId, create);
    }

    public async Task<IReadOnlyList<FaceRecord>> ListAsync(string personId)
    {
        var database = redis.Database;
        if (!await database.KeyExistsAsync(_keys.Person(personId)))
        {
            throw PersonStore.PersonNotFound(personId);
        }
        var faceIds = await database.SetMembersAsync(_keys.PersonFaces(personId));
        var shard = _keys.ShardOf(personId);
        var faces = await Task.WhenAll(faceIds.Select(f => f.ToString()).Order(StringComparer.Ordinal).Select(f => GetAsync(f, shard)));
        return [.. faces.OfType<FaceRecord>()];
    }

    /// <summary>A face by id alone: in the shard its id names, or where the pointer there says (faces of the old layout).</summary>
    public async Task<FaceRecord?> GetAsync(string faceId) => await GetAsync(faceId, _keys.ShardOf(faceId));

    /// <summary>A face in a given shard (its person's).</summary>
    public async Task<FaceRecord?> GetAsync(string faceId, int shard)
    {
        // Named fields only: the face hash also holds the 2 KB FP32 vector, which no caller of this needs.
        var f = await redis.Database.HashGetAsync(_keys.Face(faceId, shard), FaceFields);
        if (f[0].IsNull)
        {
            return !f[7].IsNull && _keys.ShardOf(f[7].ToString()) is var home && home != shard ? await GetAsync(faceId, home) : null;
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
    public async Task<string> DeleteAsync(string faceId) =>
        await deletions.DeleteFaceAsync(faceId)
        ?? throw new RegistryException(RegistryErrorKind.NotFound, RegistryErrorReasons.FaceNotFound, $"Face {faceId} does not exist.");

    public async Task<ReferenceRecord?> CheckReferenceAsync(string referenceId) =>
        await references.HolderAsync(referenceId) is { } holder && await GetAsync(holder.FaceId, _keys.ShardOf(holder.PersonId)) is { } face
            ? new ReferenceRecord(face.FaceId, face.DetectId, face.PersonId)
            : null;

    private RedisKey[] EnrollKeys(string personId, string faceId, string modelId, int shard) =>
    [
        _keys.Person(personId),
        _keys.Persons(shard),
        _keys.PersonFaces(personId),
        _keys.Face(faceId),
        _keys.Vectors(modelId, shard),
        _keys.FaceCount(shard),
    ];

    private RedisValue[] EnrollValues(EnrollmentRecord enrollment, bool create, string personId, string faceId)
    {
        var details = enrollment.NewPerson ?? new PersonDetailsRecord(null, null, null);
        return
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
            enrollment.PhotoReferenceId,
            enrollment.DetectId,
            VectorBlob.FromFloats(enrollment.Vector),
            enrollment.Vector.Length,
            _options.Quantization,
            _options.BuildExplorationFactor,
            _options.MaxLinks,
            _options.FaultAfterEnrollmentStep,
        ];
    }

    private static RegistryException Refusal(string status, RedisResult[] reply, EnrollmentRecord enrollment, string personId) => status switch
    {
        RegistryErrorReasons.PersonNotFound => PersonStore.PersonNotFound(personId),
        RegistryErrorReasons.DimensionMismatch => new RegistryException(RegistryErrorKind.InvalidArgument, RegistryErrorReasons.DimensionMismatch,
            $"Model '{enrollment.ModelId}' has {(string)reply[1]!}-d vectors; this vector has {enrollment.Vector.Length}."),
        "person_exists" or "face_exists" => new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.IdCollision, "A new id collided; retry."),
        // rolled_back: a write failed and every earlier write of this enrollment was undone.
        _ => new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.EnrollmentRolledBack,
            $"Enrollment failed and was rolled back: {(string?)reply.ElementAtOrDefault(1)}"),
    };

    /// <summary>
    /// Removes what this enrollment wrote (the new person, or the face) and releases its reference claim, retrying while
    /// the connection comes back, and confirms the undo in the AOF. If that cannot be done, the caller hears that the
    /// outcome is unknown, with the face id to look for.
    /// </summary>
    private async Task UndoAsync(bool create, string personId, string faceId, string reference)
    {
        var deadline = Environment.TickCount64 + _options.OperationTimeoutMilliseconds;
        while (true)
        {
            try
            {
                try
                {
                    if (create)
                    {
                        await deletions.DeletePersonAsync(personId);
                    }
                    else
                    {
                        await deletions.DeleteFaceAsync(faceId);
                    }
                }
                catch (RegistryException ex) when (ex.Reason == RegistryErrorReasons.NotDurable)
                {
                    // Deleted, though not confirmed in the AOF: neither was the enrollment, and nobody saw it.
                }
                if (reference.Length > 0)
                {
                    await references.ReleaseAsync(reference, faceId);
                }
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or RegistryException { Kind: RegistryErrorKind.Unavailable })
            {
                if (Environment.TickCount64 > deadline)
                {
                    throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.EnrollmentUnconfirmed,
                        $"The enrollment of face {faceId} could be neither confirmed nor undone; check the reference or the person's faces before retrying.",
                        faceId);
                }
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Test-only: stop here as a crash of the registry would (no undo, no answer but an error).</summary>
    private void CrashPoint(string phase)
    {
        if (_options.FaultCrashAfterEnrollmentPhase == phase)
        {
            throw new RegistryException(RegistryErrorKind.Unavailable, RegistryErrorReasons.InjectedCrash, $"Injected crash after the enrollment's {phase} step.");
        }
    }

    /// <summary>Test-only: kill this registry's write connection to the face's master (CLIENT KILL from another connection).</summary>
    private async Task DropWriteConnectionAsync(RedisKey key)
    {
        var server = redis.Multiplexer.GetServer(key);
        var id = (long)await server.ExecuteAsync("CLIENT", "ID");
        await redis.SearchDatabase.Multiplexer.GetServer(server.EndPoint).ExecuteAsync("CLIENT", "KILL", "ID", id);
    }
}
