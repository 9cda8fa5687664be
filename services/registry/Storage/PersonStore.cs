using Identities.Contracts.Errors;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>Persons: create, read, update, delete (with every face), list in creation order.</summary>
public sealed class PersonStore(RedisConnection redis, AofDurability durability, TimeProvider time)
{
    private readonly RedisKeys _keys = redis.Keys;

    public async Task<PersonRecord> CreateAsync(PersonDetailsRecord details)
    {
        var personId = Guid.CreateVersion7().ToString();
        var now = StoredJson.Time(time.GetUtcNow());
        var transaction = redis.Database.CreateTransaction();
        _ = transaction.HashSetAsync(_keys.Person(personId),
        [
            new("name", details.Name ?? ""),
            new("tags", StoredJson.Tags(details.Tags)),
            new("attributes", StoredJson.Attributes(details.Attributes)),
            new("created", now),
            new("updated", now),
        ]);
        _ = transaction.SortedSetAddAsync(_keys.Persons, personId, 0);
        await transaction.ExecuteAsync();
        await durability.EnsureDurableAsync();
        return await GetAsync(personId);
    }

    public async Task<PersonRecord> GetAsync(string personId)
    {
        var database = redis.Database;
        var fields = database.HashGetAllAsync(_keys.Person(personId));
        var faceCount = database.SetLengthAsync(_keys.PersonFaces(personId));
        var entries = await fields;
        if (entries.Length == 0)
        {
            throw PersonNotFound(personId);
        }
        return ToRecord(personId, entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString()), (int)await faceCount);
    }

    public async Task<PersonRecord> UpdateAsync(string personId, PersonDetailsRecord changes)
    {
        var key = _keys.Person(personId);
        var updates = new List<HashEntry> { new("updated", StoredJson.Time(time.GetUtcNow())) };
        if (changes.Name is not null)
        {
            updates.Add(new HashEntry("name", changes.Name));
        }
        if (changes.Tags is not null)
        {
            updates.Add(new HashEntry("tags", StoredJson.Tags(changes.Tags)));
        }
        if (changes.Attributes is not null)
        {
            updates.Add(new HashEntry("attributes", StoredJson.Attributes(changes.Attributes)));
        }

        // Only an existing person is updated: a concurrent delete must not be undone by a late update.
        var transaction = redis.Database.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(key));
        _ = transaction.HashSetAsync(key, [.. updates]);
        if (!await transaction.ExecuteAsync())
        {
            throw PersonNotFound(personId);
        }
        await durability.EnsureDurableAsync();
        return await GetAsync(personId);
    }

    /// <summary>Deletes the person, every face, vector and photo reference; returns how many faces went.</summary>
    public async Task<int> DeleteAsync(string personId)
    {
        var result = await redis.Database.ScriptEvaluateAsync(LuaScripts.DeletePerson,
            [_keys.Person(personId), _keys.PersonFaces(personId), _keys.Persons],
            [_keys.Prefix, personId]);
        var deleted = (int)result;
        if (deleted < 0)
        {
            throw PersonNotFound(personId);
        }
        await durability.EnsureDurableAsync();
        return deleted;
    }

    /// <summary>A page of persons after <paramref name="afterPersonId"/> (exclusive), ordered by id = creation.</summary>
    public async Task<(IReadOnlyList<PersonRecord> Persons, string? LastId)> ListAsync(string? afterPersonId, int pageSize)
    {
        // All scores are 0, so the index is ordered by member: a lexicographic range after the last id.
        var ids = await redis.Database.SortedSetRangeByValueAsync(_keys.Persons,
            afterPersonId ?? default(RedisValue), default, afterPersonId is null ? Exclude.None : Exclude.Start, Order.Ascending, 0, pageSize + 1);
        var page = ids.Take(pageSize).Select(id => id.ToString()).ToList();
        var persons = new List<PersonRecord>(page.Count);
        foreach (var id in page)
        {
            try
            {
                persons.Add(await GetAsync(id));
            }
            catch (RegistryException e) when (e.Kind == RegistryErrorKind.NotFound)
            {
                // Deleted between the index read and this read: not part of the page.
            }
        }
        return (persons, ids.Length > pageSize ? page[^1] : null);
    }

    public static RegistryException PersonNotFound(string personId) =>
        new(RegistryErrorKind.NotFound, RegistryErrorReasons.PersonNotFound, $"Person {personId} does not exist.");

    private static PersonRecord ToRecord(string personId, Dictionary<string, string> fields, int faceCount) => new(
        personId,
        fields.GetValueOrDefault("name") ?? "",
        StoredJson.ReadTags(fields.GetValueOrDefault("tags")),
        StoredJson.ReadAttributes(fields.GetValueOrDefault("attributes")),
        StoredJson.ReadTime(fields.GetValueOrDefault("created")),
        StoredJson.ReadTime(fields.GetValueOrDefault("updated")),
        faceCount);
}
