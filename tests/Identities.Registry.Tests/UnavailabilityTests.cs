using System.Diagnostics;

namespace Identities.Registry.Tests;

/// <summary>Redis down: every call is UNAVAILABLE within the operation timeout, never a hang or a half write.</summary>
public sealed class UnavailabilityTests
{
    [Fact]
    public async Task Calls_RedisStopped_AreUnavailableQuicklyAndNotReady()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = RegistryHost.Start(redis);
        var person = await host.Client.CreatePersonAsync(new CreatePersonRequest());
        using var http = host.CreateHttpClient();
        // Ready first: the readiness check reads the layout the host records at start-up, which a busy machine may
        // not have finished by the first call.
        Assert.True(await ReadyWithinAsync(http, TimeSpan.FromSeconds(30)));
        redis.Kill();

        var started = Stopwatch.GetTimestamp();
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(12)))));
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await host.Client.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId }));
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await host.Client.SearchAsync(new SearchRequest { Vector = { TestVectors.RandomUnit(new Random(13)) }, ModelId = TestVectors.Model }));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10));

        Assert.False((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode);

        // Back up: the same host recovers on its own, with the person intact and no stray enrollment.
        await redis.RestartAsync();
        Assert.True(await ReadyWithinAsync(http, TimeSpan.FromSeconds(20)));
        Assert.Equal(person.PersonId, (await host.Client.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId })).PersonId);
        Assert.Single((await host.Client.ListPersonsAsync(new ListPersonsRequest())).Persons);
    }

    private static async Task<bool> ReadyWithinAsync(HttpClient http, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!(await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        return (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode;
    }
}
