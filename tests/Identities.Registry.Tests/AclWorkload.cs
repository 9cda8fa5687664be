using StackExchange.Redis;

namespace Identities.Registry.Tests;

/// <summary>Every kind of call the registry serves, as its ACL user, and what Redis's ACL LOG says it denied.</summary>
internal static class AclWorkload
{
    public static async Task RunAsync(RegistryHost host)
    {
        var vector = TestVectors.RandomUnit(new Random(3));
        using (var http = host.CreateHttpClient())
        {
            // Readiness (INFO, the layout record, SCAN + VINFO) as the probe runs it; the first answer may come before
            // the connection is open.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!(await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
        var person = await host.Client.CreatePersonAsync(new V1.CreatePersonRequest { Details = new V1.PersonDetails { Name = "A" } });
        var enrolled = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(vector, reference: "acl-1"));
        await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(person.PersonId, TestVectors.RandomUnit(new Random(4))));
        var search = new V1.SearchRequest { ModelId = TestVectors.Model, K = 1 };
        search.Vector.AddRange(vector);
        Assert.Equal(enrolled.FaceId, Assert.Single((await host.Client.SearchAsync(search)).Matches).FaceId);
        Assert.True((await host.Client.CheckReferenceAsync(new V1.CheckReferenceRequest { PhotoReferenceId = "acl-1" })).Exists);
        await host.Client.ListPersonsAsync(new V1.ListPersonsRequest());
        await host.Client.ListFacesAsync(new V1.ListFacesRequest { PersonId = person.PersonId });
        await host.Client.DeleteFaceAsync(new V1.DeleteFaceRequest { FaceId = enrolled.FaceId });
        await host.Client.DeletePersonAsync(new V1.DeletePersonRequest { PersonId = person.PersonId });
    }

    /// <summary>The host's user's entries in ACL LOG, on every node (masters and replicas) of the deployment.</summary>
    public static async Task<IReadOnlyList<string>> DenialsAsync(string adminConnectionString, RegistryHost host)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(adminConnectionString + ",allowAdmin=true");
        var denials = new List<string>();
        foreach (var server in admin.GetServers())
        {
            var log = (RedisResult[])(await server.ExecuteAsync("ACL", "LOG"))!;
            denials.AddRange(log.Select(e => ((RedisResult[])e!).Select(x => x.ToString()).ToArray())
                .Where(e => e.Contains("registry-" + host.Prefix))
                .Select(e => $"{server.EndPoint}: {string.Join(' ', e.Take(8))}"));
        }
        return denials;
    }
}
