using Identities.Testing;

namespace Identities.Registry.Tests;

// Every integration suite of the registry runs twice: against one Redis server (the local stack's default) and
// against a Redis Cluster of 3 masters and 3 replicas on loopback.
public sealed class EnrollmentTestsOnServer(RedisFixture redis) : EnrollmentTests(redis.Server), IClassFixture<RedisFixture>;

[Collection(ClusterCollection.Name)]
public sealed class EnrollmentTestsOnCluster(ClusterFixture redis) : EnrollmentTests(redis.Cluster);

public sealed class PersonTestsOnServer(RedisFixture redis) : PersonTests(redis.Server), IClassFixture<RedisFixture>;

[Collection(ClusterCollection.Name)]
public sealed class PersonTestsOnCluster(ClusterFixture redis) : PersonTests(redis.Cluster);

public sealed class SearchTestsOnServer(RedisFixture redis) : SearchTests(redis.Server), IClassFixture<RedisFixture>;

[Collection(ClusterCollection.Name)]
public sealed class SearchTestsOnCluster(ClusterFixture redis) : SearchTests(redis.Cluster);

public sealed class RollbackTestsOnServer(RedisFixture redis) : RollbackTests(redis.Server), IClassFixture<RedisFixture>;

[Collection(ClusterCollection.Name)]
public sealed class RollbackTestsOnCluster(ClusterFixture redis) : RollbackTests(redis.Cluster);

public sealed class ShardingTestsOnServer(RedisFixture redis) : ShardingTests(redis.Server), IClassFixture<RedisFixture>;

[Collection(ClusterCollection.Name)]
public sealed class ShardingTestsOnCluster(ClusterFixture redis) : ShardingTests(redis.Cluster);

public sealed class ReferenceTestsOnServer(RedisFixture redis) : ReferenceTests(redis.Server), IClassFixture<RedisFixture>;

[Collection(ClusterCollection.Name)]
public sealed class ReferenceTestsOnCluster(ClusterFixture redis) : ReferenceTests(redis.Cluster);
