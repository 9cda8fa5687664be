using Identities.Registry;
using Identities.Registry.Storage;
using Microsoft.Extensions.Options;

namespace Identities.RegistryBenchmarks;

/// <summary>The registry's FaceStore and VectorSearch with their collaborators, built as the registry's DI container
/// builds them.</summary>
internal static class RegistryStores
{
    public static FaceStore FaceStore(RedisConnection connection, RegistryOptions options)
    {
        var wrapped = Options.Create(options);
        var durability = new AofDurability(connection, wrapped);
        var references = new ReferenceStore(connection, durability, TimeProvider.System, wrapped);
        var deletions = new Deletions(connection, durability, references, TimeProvider.System, wrapped);
        return new FaceStore(connection, durability, references, deletions, new ModelDimensions(connection, wrapped), TimeProvider.System, wrapped);
    }

    public static VectorSearch VectorSearch(RedisConnection connection, RegistryOptions options) =>
        new(connection, new ModelDimensions(connection, Options.Create(options)), Options.Create(options));
}
