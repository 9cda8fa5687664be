using Identities.Contracts.Errors;

namespace Identities.Registry.Tests;

/// <summary>A fault injected after each write step of an enrollment leaves nothing behind.</summary>
[Collection(RegistryDeploymentsCollection.Name)]
public sealed class RollbackTests(RegistryDeployments redis)
{
    [Theory]
    [OnServerAndCluster(1)]
    [OnServerAndCluster(2)]
    [OnServerAndCluster(3)]
    [OnServerAndCluster(4)]
    public async Task EnrollFace_NewPersonWithFaultAfterStep_LeavesNoPersonFaceVectorOrReference(Deployment deployment, int step)
    {
        await using var host = RegistryHost.Start(redis[deployment], new Dictionary<string, string?> { ["Registry:FaultAfterEnrollmentStep"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var request = TestVectors.NewPerson(TestVectors.RandomUnit(new Random(step)), reference: $"fault-{step}");

        var status = await RpcAssert.FailsWithAsync(StatusCode.Unavailable, async () => await host.Client.EnrollFaceAsync(request));

        Assert.Equal(RegistryErrorReasons.EnrollmentRolledBack, RpcAssert.Reason(status));
        Assert.Empty(await host.DataKeysAsync());
        Assert.Empty((await host.Client.ListPersonsAsync(new ListPersonsRequest())).Persons);
        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = $"fault-{step}" })).Exists);
    }

    [Theory]
    [OnServerAndCluster(2)]
    [OnServerAndCluster(3)]
    [OnServerAndCluster(4)]
    public async Task EnrollFace_ExistingPersonWithFaultAfterStep_LeavesThePersonAsItWas(Deployment deployment, int step)
    {
        await using var setup = RegistryHost.Start(redis[deployment]);
        var person = await setup.Client.CreatePersonAsync(new CreatePersonRequest { Details = new PersonDetails { Name = "Kept" } });
        var keysBefore = await setup.DataKeysAsync();
        var db = await setup.DatabaseAsync();
        var before = await db.HashGetAllAsync(setup.Keys.Person(person.PersonId));

        // A second host over the same data, with the fault switched on.
        await using var faulty = RegistryHost.Start(redis[deployment], new Dictionary<string, string?>
        {
            ["Registry:FaultAfterEnrollmentStep"] = step.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, setup.Prefix);
        await RpcAssert.FailsWithAsync(StatusCode.Unavailable,
            async () => await faulty.Client.EnrollFaceAsync(TestVectors.ExistingPerson(person.PersonId, TestVectors.RandomUnit(new Random(step)), reference: "r")));

        Assert.Equal(keysBefore.Order(), (await setup.DataKeysAsync()).Order());
        Assert.Equal(before.OrderBy(e => e.Name.ToString()), (await db.HashGetAllAsync(setup.Keys.Person(person.PersonId))).OrderBy(e => e.Name.ToString()));
        Assert.Equal(0, (await setup.Client.GetPersonAsync(new GetPersonRequest { PersonId = person.PersonId })).FaceCount);
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_ConnectionCutAfterTheScript_IsUnavailableAndLeavesNothing(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment], new Dictionary<string, string?>
        {
            ["Registry:FaultDropConnectionAfterEnrollment"] = "true",
            // Room for the reconnection the undo waits for, on a loaded machine.
            ["Registry:OperationTimeoutMilliseconds"] = "15000",
        });
        var request = TestVectors.NewPerson(TestVectors.RandomUnit(new Random(30)), reference: "cut");

        var status = await RpcAssert.FailsWithAsync(StatusCode.Unavailable, async () => await host.Client.EnrollFaceAsync(request));

        Assert.Equal(RegistryErrorReasons.NotDurable, RpcAssert.Reason(status));
        Assert.Empty(await host.DataKeysAsync());
        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "cut" })).Exists);
    }
}
