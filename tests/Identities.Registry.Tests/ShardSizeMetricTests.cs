using System.Diagnostics.Metrics;
using Identities.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Identities.Registry.Tests;

/// <summary>The faces-per-shard gauge an operator watches to see when a shard nears the size where recall falls.</summary>
public sealed class ShardSizeMetricTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ShardFacesGauge_AfterEnrollmentsAndADelete_ReportsEachShardsFaces()
    {
        await using var host = RegistryHost.Start(redis.Server, new Dictionary<string, string?> { ["Registry:Shards"] = "4", ["Registry:ShardSizeRefreshSeconds"] = "1" });
        var random = new Random(70);
        var persons = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var enrolled = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));
            await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(enrolled.PersonId, TestVectors.RandomUnit(random)));
            persons.Add(enrolled.PersonId);
        }
        await host.Client.DeletePersonAsync(new V1.DeletePersonRequest { PersonId = persons[0] });
        var expected = Enumerable.Range(0, 4).Select(s => persons.Skip(1).Count(p => Shards.ShardOf(p, 4) == s) * 2L).ToArray();

        var scope = host.Services.GetRequiredService<IMeterFactory>();
        var observed = new long[4];
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == scope && instrument.Meter.Name == ShardSizes.MeterName && instrument.Name == ShardSizes.InstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => observed[(int)tags[0].Value!] = value);
        listener.Start();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            await Task.Delay(200);
            listener.RecordObservableInstruments();
        }
        while (!observed.SequenceEqual(expected) && DateTime.UtcNow < deadline);

        Assert.Equal(expected, observed);
        Assert.Equal(22, observed.Sum());
    }
}
