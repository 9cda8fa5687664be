using Identities.Contracts.Errors;
using StackExchange.Redis;

namespace Identities.Registry.Storage;

/// <summary>Persons: create, read, update, delete (with every face), list in id order over every shard.</summary>
public sealed class PersonStore(RedisConnection redis, AofDurability durability, Deletions deletions, TimeProvider time)
{
    private readonly RedisKeys _keys = redis.Keys;

    public async Task<PersonRecord> CreateAsync(PersonDetailsRecord details)
    {
        var personId = Guid.CreateVersion7().ToString();
        var now = StoredJson.Time(time.GetUtcNow());
        var ticket = durability.Before(_keys.Person(personId));
        var transaction = redis.Database.CreateTransaction();
        _ = transaction.HashSetAsync(_keys.Person(personId),
        [
            new("name", details.Name ?? ""),
            new("tags", StoredJson.Tags(details.Tags)),
            new("attributes", StoredJson.Attributes(details.Attributes)),
            new("created", now),
            new("updated", now),
        ]);
        _ = transaction.SortedSetAddAsync(_keys.Persons(_keys.ShardOf(personId)), personId, 0);
        await transaction.ExecuteAsync();
        if (!await durability.ConfirmAsync(ticket))
        {
            // Nobody knows the id yet: undo, so that the caller's error means "not created".
            var undo = redis.Database.CreateTransaction();
            _ = undo.KeyDeleteAsync(_keys.Person(personId));
            _ = undo.SortedSetRemoveAsync(_keys.Persons(_keys.ShardOf(personId)), personId);
            await undo.ExecuteAsync();
            throw durability.NotDurable();
        }
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
        var ticket = durability.Before(key);
        var transaction = redis.Database.CreateTransaction();
        transaction.AddCondition(Condition.KeyExists(key));
        _ = transaction.HashSetAsync(key, [.. updates]);
        if (!await transaction.ExecuteAsync())
        {
            throw PersonNotFound(personId);
        }
        await durability.EnsureAsync(ticket);
        return await GetAsync(personId);
    }

    /// <summary>Deletes the person, every face, vector and photo reference; returns how many faces went.</summary>
    public async Task<int> DeleteAsync(string personId)
    {
        var deleted = await deletions.DeletePersonAsync(personId);
        return deleted >= 0 ? deleted : throw PersonNotFound(personId);
    }

    /// <summary>
    /// A page of persons after <paramref name="afterPersonId"/> (exclusive), in id order over every shard. Ids are
    /// UUIDv7, so id order is creation order to the millisecond (ids made within one millisecond are in random order).
    /// The token is the last id returned, so a page is stable under concurrent deletes and creations: each person
    /// present throughout the paging is returned exactly once.
    /// </summary>
    public async Task<(IReadOnlyList<PersonRecord> Persons, string? LastId)> ListAsync(string? afterPersonId, int pageSize)
    {
        // Each shard's index has all scores 0, so it is ordered by member: a lexicographic range after the last id, the
        // first pageSize + 1 of each shard, merged; the page is the first pageSize of the merge.
        var database = redis.Database;
        var start = afterPersonId ?? default(RedisValue);
        var exclude = afterPersonId is null ? Exclude.None : Exclude.Start;
        var shards = await Task.WhenAll(Enumerable.Range(0, _keys.Shards).Select(shard =>
            database.SortedSetRangeByValueAsync(_keys.Persons(shard), start, default, exclude, Order.Ascending, 0, pageSize + 1)));
        var ids = shards.SelectMany(s => s).Select(id => id.ToString()).Order(StringComparer.Ordinal).Take(pageSize + 1).ToList();
        var page = ids.Take(pageSize).ToList();
        var read = await Task.WhenAll(page.Select(async id =>
        {
            try
            {
                return await GetAsync(id);
            }
            catch (RegistryException e) when (e.Kind == RegistryErrorKind.NotFound)
            {
                return null; // deleted between the index read and this read: not part of the page
            }
        }));
        return ([.. read.OfType<PersonRecord>()], ids.Count > pageSize ? page[^1] : null);
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
