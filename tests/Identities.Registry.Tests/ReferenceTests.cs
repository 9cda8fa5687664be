using Identities.Contracts.Errors;

namespace Identities.Registry.Tests;

/// <summary>
/// Photo references unique across shards: a crash of the registry between claiming a reference and confirming it
/// (injected, no undo runs) leaves a record that CheckReference and the next enrollment resolve by the face it names.
/// </summary>
[Collection(RegistryDeploymentsCollection.Name)]
public sealed class ReferenceTests(RegistryDeployments redis)
{
    private const string ShortLease = "300";

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_CrashAfterClaim_ReferenceIsFreeAndTheNextEnrollmentTakesItOver(Deployment deployment)
    {
        await using var crashing = RegistryHost.Start(redis[deployment], Faulty("claim"));
        var status = await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await crashing.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(60)), reference: "crash-claim")));
        Assert.Equal(RegistryErrorReasons.InjectedCrash, RpcAssert.Reason(status));
        await using var host = RegistryHost.Start(redis[deployment], Lease(), crashing.Prefix);

        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "crash-claim" })).Exists);
        Assert.Single(await host.DataKeysAsync(), k => k == host.Keys.Reference("crash-claim"));
        var enrolled = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(61)), reference: "crash-claim"));

        var check = await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "crash-claim" });
        Assert.True(check.Exists);
        Assert.Equal(enrolled.FaceId, check.FaceId);
        Assert.Single((await host.Client.ListPersonsAsync(new ListPersonsRequest())).Persons);
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_CrashAfterWrite_TheFaceHoldsTheReferenceAndTheNextEnrollmentIsAlreadyExists(Deployment deployment)
    {
        await using var crashing = RegistryHost.Start(redis[deployment], Faulty("write"));
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await crashing.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(62)), reference: "crash-write")));
        await using var host = RegistryHost.Start(redis[deployment], Lease(), crashing.Prefix);

        var check = await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "crash-write" });
        Assert.True(check.Exists);
        var person = Assert.Single((await host.Client.ListPersonsAsync(new ListPersonsRequest())).Persons);
        Assert.Equal(person.PersonId, check.PersonId);
        var status = await RpcAssert.FailsWithAsync(StatusCode.AlreadyExists,
            async () => await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(63)), reference: "crash-write")));

        Assert.Equal(check.FaceId, status!.GetDetail<Google.Rpc.ErrorInfo>().Metadata[ErrorMetadataKeys.ExistingFaceId]);
        Assert.Equal("confirmed", (string?)await (await host.DatabaseAsync()).HashGetAsync(host.Keys.Reference("crash-write"), "state"));
        Assert.Single((await host.Client.ListPersonsAsync(new ListPersonsRequest())).Persons);
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_RecordNamingADeletedFace_ReferenceIsFree(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment], Lease());
        var first = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(64)), reference: "reused"));
        var database = await host.DatabaseAsync();
        var record = await database.HashGetAllAsync(host.Keys.Reference("reused"));
        await host.Client.DeleteFaceAsync(new DeleteFaceRequest { FaceId = first.FaceId });
        // As a crash between the face's deletion and the reference's release leaves it.
        await database.HashSetAsync(host.Keys.Reference("reused"), record);

        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "reused" })).Exists);
        var second = await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(first.PersonId, TestVectors.RandomUnit(new Random(65)), reference: "reused"));

        Assert.Equal(second.FaceId, (await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "reused" })).FaceId);
    }

    private static Dictionary<string, string?> Lease() => new() { ["Registry:ReferenceClaimLeaseMilliseconds"] = ShortLease };

    private static Dictionary<string, string?> Faulty(string phase) => new(Lease()) { ["Registry:FaultCrashAfterEnrollmentPhase"] = phase };
}
