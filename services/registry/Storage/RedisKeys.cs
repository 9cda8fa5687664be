namespace Identities.Registry.Storage;

/// <summary>Every key the registry writes, in one place.</summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix => prefix;

    /// <summary>Hash: name, tags (JSON), attributes (JSON), created, updated (Unix ms).</summary>
    public string Person(string personId) => $"{prefix}:person:{personId}";

    /// <summary>Set of the person's face ids.</summary>
    public string PersonFaces(string personId) => $"{prefix}:person:{personId}:faces";

    /// <summary>Sorted set of every person id (all scores 0: ordered by id, and v7 ids sort by creation).</summary>
    public string Persons => $"{prefix}:persons";

    /// <summary>Hash: person, model, box, quality, reference, detect, created.</summary>
    public string Face(string faceId) => $"{prefix}:face:{faceId}";

    /// <summary>String: the face id enrolled under a photo reference id.</summary>
    public string Reference(string referenceId) => $"{prefix}:ref:{referenceId}";

    /// <summary>Vector set of one embedding model: element = face id, attributes = {"person": id}.</summary>
    public string Vectors(string modelId) => $"{prefix}:vectors:{modelId}";

    /// <summary>Shard <paramref name="shard"/> of the model's vectors; with one shard, the unsharded key.</summary>
    public string Vectors(string modelId, int shard, int shards) => shards == 1 ? Vectors(modelId) : $"{prefix}:vectors:{modelId}:{shard}";

    /// <summary>Hash of deployment-wide settings that the data depends on (vector_shards).</summary>
    public string Meta => $"{prefix}:meta";
}
