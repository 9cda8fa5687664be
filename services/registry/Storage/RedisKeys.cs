namespace Identities.Registry.Storage;

/// <summary>
/// Every key the registry reads or writes, in one place. A person and everything that belongs to it carry its shard's
/// hash tag (one Redis Cluster slot, so its scripts run on one node); a photo reference is tagged by itself (its own
/// slot); the layout record is a key of its own. The keys of the layout before shards were hash tags are here too, for
/// the start-up check that finds old data and for `migrate-layout`, which copies it.
/// </summary>
public sealed class RedisKeys
{
    private readonly string _prefix;
    private readonly string[] _tags;

    public RedisKeys(string prefix, int shards)
    {
        _prefix = prefix;
        _tags = [.. Enumerable.Range(0, shards).Select(s => Storage.Shards.Tag(s, shards))];
    }

    public string Prefix => _prefix;

    /// <summary>Matches every key of this prefix (ACL key pattern, SCAN MATCH), and only those.</summary>
    public string AllKeys => AllKeysOf(_prefix);

    public int Shards => _tags.Length;

    public int ShardOf(string personOrFaceId) => Storage.Shards.ShardOf(personOrFaceId, _tags.Length);

    /// <summary>The hash tag of a shard, braces included: every key of the shard contains it.</summary>
    public string Tag(int shard) => "{" + _tags[shard] + "}";

    /// <summary>Hash: name, tags (JSON), attributes (JSON), created, updated (Unix ms).</summary>
    public string Person(string personId) => $"{_prefix}:{Tag(ShardOf(personId))}:person:{personId}";

    /// <summary>Set of the person's face ids.</summary>
    public string PersonFaces(string personId) => $"{_prefix}:{Tag(ShardOf(personId))}:person:{personId}:faces";

    /// <summary>Sorted set of the shard's person ids (all scores 0: ordered by id).</summary>
    public string Persons(int shard) => $"{_prefix}:{Tag(shard)}:persons";

    /// <summary>Counter of the shard's faces (all models), kept by the scripts: the faces-per-shard metric reads it.</summary>
    public string FaceCount(int shard) => $"{_prefix}:{Tag(shard)}:face_count";

    /// <summary>
    /// Hash: person, model, box, quality, reference, detect, created, vector (FP32). A face id is drawn so that its
    /// shard is its person's: the id alone finds it.
    /// </summary>
    public string Face(string faceId) => Face(faceId, ShardOf(faceId));

    /// <summary>
    /// The face hash in a given shard: its person's. For faces copied from the old layout (migrate-layout), whose ids
    /// hash elsewhere, <see cref="Face(string)"/> holds only a pointer (field home = person id).
    /// </summary>
    public string Face(string faceId, int shard) => $"{_prefix}:{Tag(shard)}:face:{faceId}";

    /// <summary>The shard's vector set of one embedding model: element = face id, attributes = {"person": id}.</summary>
    public string Vectors(string modelId, int shard) => $"{_prefix}:{Tag(shard)}:vectors:{modelId}";

    /// <summary>Hash in the reference's own slot: face, person, state (claimed|confirmed), claimed (Unix ms).</summary>
    public string Reference(string referenceId) => $"{_prefix}:ref:{{{referenceId}}}";

    /// <summary>Hash: embedding model id -> vector dimension, recorded by the model's first successful enrollment.</summary>
    public string Models => $"{_prefix}:models";

    /// <summary>Hash of the layout the data was written with: layout, shards, vector_quantization.</summary>
    public string Meta => $"{_prefix}:meta";

    /// <summary>Matches every key under <paramref name="prefix"/>, and only those.</summary>
    public static string AllKeysOf(string prefix) => $"{prefix}:*";

    /// <summary>The persons index of the layout before shards were hash tags (releases up to 2026-11-29): its presence means old data.</summary>
    public string LegacyPersons => $"{_prefix}:persons";

    /// <summary>The old layout's person hash (the same fields as <see cref="Person"/>).</summary>
    public string LegacyPerson(string personId) => $"{_prefix}:person:{personId}";

    /// <summary>The old layout's set of the person's face ids.</summary>
    public string LegacyPersonFaces(string personId) => $"{_prefix}:person:{personId}:faces";

    /// <summary>The old layout's face hash (its field vectors names the vector set it is in).</summary>
    public string LegacyFace(string faceId) => $"{_prefix}:face:{faceId}";

    /// <summary>The old layout's photo reference: a string holding the face id.</summary>
    public string LegacyReference(string referenceId) => $"{_prefix}:ref:{referenceId}";

    /// <summary>The old layout's vector set of a model (one Redis, no shards).</summary>
    public string LegacyVectors(string modelId) => $"{_prefix}:vectors:{modelId}";

    /// <summary>The old layout's vector set of a model's shard, when Registry:VectorShards split it.</summary>
    public string LegacyVectors(string modelId, int shard) => $"{_prefix}:vectors:{modelId}:{shard}";
}
