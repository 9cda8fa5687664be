using System.Globalization;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>
/// `migrate-layout`: copies data written by releases up to 2026-11-29 (one Redis, keys without shard hash tags) into
/// this release's layout, with the registries stopped. Person, face and photo-reference ids stay as they were; each
/// person goes to its shard with all its faces (a face whose id hashes to another shard also gets a pointer there, so
/// DeleteFace by id finds it); vectors are re-added from the FP32 copies in the face hashes (VEMB of the old set for
/// faces enrolled before those copies were kept), with this configuration's index options. The old keys stay until
/// the copy is complete, then go with --delete-old. Safe to run again after an interruption (it overwrites its copy).
/// </summary>
public sealed class LayoutMigration(RedisConnection target, RegistryOptions options, TextWriter log)
{
    private const int Page = 500;

    private readonly RedisKeys _keys = target.Keys;

    /// <param name="source">The old data's Redis (StackExchange.Redis configuration); by default Registry:Redis itself.</param>
    public async Task<int> RunAsync(string? source, bool deleteOld)
    {
        await using var from = await ConnectionMultiplexer.ConnectAsync(source ?? options.Redis);
        var old = from.GetDatabase();
        var to = target.Database;
        var oldPersons = _keys.LegacyPersons;
        if ((string?)await to.HashGetAsync(_keys.Meta, "layout") == DataLayout.Version && !await old.KeyExistsAsync(oldPersons))
        {
            log.WriteLine("migrate-layout: the data is already in this release's layout; nothing to do.");
            return 0;
        }
        var models = new Dictionary<string, int>(StringComparer.Ordinal);
        int persons = 0, faces = 0;
        var oldKeys = new List<RedisKey> { oldPersons };
        for (long start = 0; ; start += Page)
        {
            var ids = await old.SortedSetRangeByRankAsync(oldPersons, start, start + Page - 1);
            if (ids.Length == 0)
            {
                break;
            }
            foreach (var id in ids.Select(i => i.ToString()))
            {
                faces += await CopyPersonAsync(old, to, id, models, oldKeys);
                persons++;
            }
            log.WriteLine($"migrate-layout: {persons:N0} persons, {faces:N0} faces copied");
        }
        foreach (var (model, dimension) in models)
        {
            await to.HashSetAsync(_keys.Models, model, dimension, When.NotExists);
        }
        for (var shard = 0; shard < _keys.Shards; shard++)
        {
            long count = 0;
            foreach (var model in models.Keys)
            {
                RedisKey set = _keys.Vectors(model, shard);
                count += await to.KeyExistsAsync(set) ? (long)await to.ExecuteAsync("VCARD", set) : 0;
            }
            if (count > 0)
            {
                await to.StringSetAsync(_keys.FaceCount(shard), count);
            }
        }
        await to.HashSetAsync(_keys.Meta, [new("layout", DataLayout.Version), new("shards", _keys.Shards), new("vector_quantization", options.Quantization)]);
        await to.HashDeleteAsync(_keys.Meta, "vector_shards"); // the old layout's field (same key when migrating in place)
        log.WriteLine($"migrate-layout: done: {persons:N0} persons, {faces:N0} faces in {_keys.Shards} shards ({options.Quantization}).");
        if (deleteOld)
        {
            foreach (var model in models.Keys)
            {
                oldKeys.Add(_keys.LegacyVectors(model));
                for (var s = 0; s < 64; s++)
                {
                    oldKeys.Add(_keys.LegacyVectors(model, s));
                }
            }
            foreach (var chunk in oldKeys.Chunk(500))
            {
                await old.KeyDeleteAsync(chunk);
            }
            log.WriteLine($"migrate-layout: the old keys are deleted.");
        }
        return 0;
    }

    private async Task<int> CopyPersonAsync(IDatabase old, IDatabase to, string personId, Dictionary<string, int> models, List<RedisKey> oldKeys)
    {
        var shard = _keys.ShardOf(personId);
        var person = await old.HashGetAllAsync(_keys.LegacyPerson(personId));
        var faceIds = (await old.SetMembersAsync(_keys.LegacyPersonFaces(personId))).Select(f => f.ToString()).ToArray();
        oldKeys.Add(_keys.LegacyPerson(personId));
        oldKeys.Add(_keys.LegacyPersonFaces(personId));
        var transaction = to.CreateTransaction();
        _ = transaction.HashSetAsync(_keys.Person(personId), person);
        _ = transaction.SortedSetAddAsync(_keys.Persons(shard), personId, 0);
        var references = new List<(string Reference, string FaceId, string Created)>();
        var pointers = new List<string>();
        foreach (var faceId in faceIds)
        {
            var face = (await old.HashGetAllAsync(_keys.LegacyFace(faceId))).ToDictionary(e => e.Name.ToString(), e => e.Value);
            oldKeys.Add(_keys.LegacyFace(faceId));
            if (!face.TryGetValue("model", out var modelValue))
            {
                continue; // a face id in the set without a face hash: nothing to copy
            }
            var model = modelValue.ToString();
            var vector = face.TryGetValue("vector", out var blob) ? (byte[])blob! : await OldVectorAsync(old, face, model, faceId);
            models.TryAdd(model, vector.Length / sizeof(float));
            face.Remove("vectors");
            face["vector"] = vector;
            _ = transaction.HashSetAsync(_keys.Face(faceId, shard), [.. face.Select(e => new HashEntry(e.Key, e.Value))]);
            _ = transaction.SetAddAsync(_keys.PersonFaces(personId), faceId);
            var arguments = new List<object> { (RedisKey)_keys.Vectors(model, shard), "FP32", vector, faceId, options.Quantization };
            if (options.BuildExplorationFactor > 0)
            {
                arguments.AddRange(["EF", options.BuildExplorationFactor]);
            }
            arguments.AddRange(["SETATTR", $"{{\"person\":\"{personId}\"}}"]);
            if (options.MaxLinks > 0)
            {
                arguments.AddRange(["M", options.MaxLinks]);
            }
            _ = transaction.ExecuteAsync("VADD", [.. arguments]);
            if (face.TryGetValue("reference", out var reference) && !reference.IsNullOrEmpty)
            {
                references.Add((reference.ToString(), faceId, face.TryGetValue("created", out var created) ? created.ToString() : "0"));
                oldKeys.Add(_keys.LegacyReference(reference.ToString()));
            }
            if (_keys.ShardOf(faceId) != shard)
            {
                pointers.Add(faceId);
            }
        }
        if (!await transaction.ExecuteAsync())
        {
            throw new InvalidOperationException($"Person {personId} could not be copied.");
        }
        foreach (var (reference, faceId, created) in references)
        {
            await to.HashSetAsync(_keys.Reference(reference),
                [new("face", faceId), new("person", personId), new("state", "confirmed"), new("claimed", created), new("shard", shard)]);
        }
        foreach (var faceId in pointers)
        {
            await to.HashSetAsync(_keys.Face(faceId), "home", personId);
        }
        return faceIds.Length;
    }

    /// <summary>A face enrolled before its FP32 vector was kept in its hash: VEMB of the set it is in (exact for NOQUANT).</summary>
    private async Task<byte[]> OldVectorAsync(IDatabase old, Dictionary<string, RedisValue> face, string model, string faceId)
    {
        RedisKey set = face.TryGetValue("vectors", out var vectors) ? vectors.ToString() : _keys.LegacyVectors(model);
        var values = (RedisResult[])(await old.ExecuteAsync("VEMB", set, faceId))!;
        var floats = values.Select(v => float.Parse((string)v!, CultureInfo.InvariantCulture)).ToArray();
        return VectorBlob.FromFloats(floats);
    }
}
