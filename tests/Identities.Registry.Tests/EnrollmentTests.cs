using Identities.Contracts.Errors;

namespace Identities.Registry.Tests;

[Collection(RegistryDeploymentsCollection.Name)]
public sealed class EnrollmentTests(RegistryDeployments redis)
{
    [Theory, OnServerAndCluster]
    public async Task EnrollFace_NewPerson_CreatesPersonFaceVectorAndReference(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var vector = TestVectors.RandomUnit(new Random(2));
        var request = TestVectors.NewPerson(vector, name: "Lin", reference: "ext-123");

        var result = await host.Client.EnrollFaceAsync(request);

        Assert.True(result.PersonCreated);
        var person = await host.Client.GetPersonAsync(new GetPersonRequest { PersonId = result.PersonId });
        Assert.Equal("Lin", person.Name);
        Assert.Equal(1, person.FaceCount);
        var face = Assert.Single((await host.Client.ListFacesAsync(new ListFacesRequest { PersonId = result.PersonId })).Faces);
        Assert.Equal(result.FaceId, face.FaceId);
        Assert.Equal(request.DetectId, face.DetectId);
        Assert.Equal("ext-123", face.PhotoReferenceId);
        Assert.Equal(TestVectors.Model, face.ModelId);
        var reference = await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "ext-123" });
        Assert.True(reference.Exists);
        Assert.Equal(result.FaceId, reference.FaceId);
        Assert.Equal(request.DetectId, reference.DetectId);
        var search = await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model, K = 1 });
        Assert.Equal(result.FaceId, search.Matches[0].FaceId);
        Assert.Equal(result.PersonId, search.Matches[0].PersonId);
        Assert.True(search.Matches[0].Score > 0.99f);
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_ExistingPerson_AddsASecondFace(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(3);
        var first = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));
        var second = await host.Client.EnrollFaceAsync(TestVectors.ExistingPerson(first.PersonId, TestVectors.RandomUnit(random)));

        Assert.False(second.PersonCreated);
        Assert.Equal(first.PersonId, second.PersonId);
        Assert.Equal(2, (await host.Client.ListFacesAsync(new ListFacesRequest { PersonId = first.PersonId })).Faces.Count);
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_UnknownPerson_IsNotFoundAndWritesNothing(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var request = TestVectors.ExistingPerson(Guid.NewGuid().ToString(), TestVectors.RandomUnit(new Random(4)), reference: "r1");
        var status = await RpcAssert.FailsWithAsync(StatusCode.NotFound, async () => await host.Client.EnrollFaceAsync(request));
        Assert.Equal(RegistryErrorReasons.PersonNotFound, RpcAssert.Reason(status));
        Assert.Empty(await host.DataKeysAsync());
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_ReferenceAlreadyEnrolled_IsAlreadyExistsNamingTheFace(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(5);
        var first = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random), reference: "photo-1"));
        var keysBefore = await host.DataKeysAsync();

        var status = await RpcAssert.FailsWithAsync(StatusCode.AlreadyExists,
            async () => await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random), reference: "photo-1")));

        Assert.Equal(RegistryErrorReasons.ReferenceExists, RpcAssert.Reason(status));
        Assert.Equal(first.FaceId, status!.GetDetail<Google.Rpc.ErrorInfo>().Metadata[ErrorMetadataKeys.ExistingFaceId]);
        Assert.Equal(keysBefore.Order(), (await host.DataKeysAsync()).Order());
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_ConcurrentEnrollmentsOfOneReference_YieldExactlyOneFace(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(6);
        var requests = Enumerable.Range(0, 16).Select(_ => TestVectors.NewPerson(TestVectors.RandomUnit(random), reference: "race")).ToList();

        var outcomes = await Task.WhenAll(requests.Select(async r =>
        {
            try
            {
                return (Face: (await host.Client.EnrollFaceAsync(r)).FaceId, Code: StatusCode.OK);
            }
            catch (RpcException ex)
            {
                var info = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
                return (Face: info?.Metadata.GetValueOrDefault(ErrorMetadataKeys.ExistingFaceId) ?? ex.Status.Detail, Code: ex.StatusCode);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Code == StatusCode.OK).Face;
        Assert.All(outcomes.Where(o => o.Code != StatusCode.OK), o =>
        {
            Assert.Equal(StatusCode.AlreadyExists, o.Code);
            Assert.Equal(winner, o.Face);
        });
        Assert.Single((await host.Client.ListPersonsAsync(new ListPersonsRequest())).Persons);
        Assert.Equal(1L, await host.VectorCountAsync(TestVectors.Model));
    }

    [Theory]
    [OnServerAndCluster(511)]
    [OnServerAndCluster(513)]
    public async Task EnrollFace_VectorOfAnotherLengthThanTheModels_IsInvalidArgument(Deployment deployment, int length)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var random = new Random(7);
        await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random)));
        var keysBefore = await host.DataKeysAsync();

        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument,
            async () => await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(random, length))));

        Assert.Equal(RegistryErrorReasons.DimensionMismatch, RpcAssert.Reason(status));
        Assert.Equal(keysBefore.Order(), (await host.DataKeysAsync()).Order());
    }

    [Theory]
    [OnServerAndCluster(float.NaN)]
    [OnServerAndCluster(float.PositiveInfinity)]
    public async Task EnrollFace_NonFiniteValue_IsInvalidArgument(Deployment deployment, float bad)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var vector = TestVectors.RandomUnit(new Random(8));
        vector[17] = bad;
        var status = await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, async () => await host.Client.EnrollFaceAsync(TestVectors.NewPerson(vector)));
        Assert.Equal("invalid_vector", RpcAssert.Reason(status));
        Assert.Empty(await host.DataKeysAsync());
    }

    [Theory, OnServerAndCluster]
    public async Task EnrollFace_MalformedIdsOrNoTarget_AreInvalidArgument(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var vector = TestVectors.RandomUnit(new Random(9));
        var badPerson = TestVectors.ExistingPerson("12345", vector);
        var badDetect = TestVectors.NewPerson(vector);
        badDetect.DetectId = "nope";
        var badModel = TestVectors.NewPerson(vector, model: "has space");
        var noTarget = TestVectors.NewPerson(vector);
        noTarget.ClearTarget();
        var empty = TestVectors.NewPerson([]);

        foreach (var request in new[] { badPerson, badDetect, badModel, noTarget, empty })
        {
            await RpcAssert.FailsWithAsync(StatusCode.InvalidArgument, async () => await host.Client.EnrollFaceAsync(request));
        }
        Assert.Empty(await host.DataKeysAsync());
    }

    [Theory, OnServerAndCluster]
    public async Task DeleteFace_RemovesVectorAndReference_AndKeepsThePerson(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var vector = TestVectors.RandomUnit(new Random(10));
        var enrolled = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(vector, reference: "del-me"));

        var deleted = await host.Client.DeleteFaceAsync(new DeleteFaceRequest { FaceId = enrolled.FaceId });

        Assert.Equal(enrolled.PersonId, deleted.PersonId);
        Assert.False((await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "del-me" })).Exists);
        Assert.Empty((await host.Client.SearchAsync(new SearchRequest { Vector = { vector }, ModelId = TestVectors.Model })).Matches);
        Assert.Equal(0, (await host.Client.GetPersonAsync(new GetPersonRequest { PersonId = enrolled.PersonId })).FaceCount);
        await RpcAssert.FailsWithAsync(StatusCode.NotFound, async () => await host.Client.DeleteFaceAsync(new DeleteFaceRequest { FaceId = enrolled.FaceId }));
    }

    [Theory, OnServerAndCluster]
    public async Task CheckReference_Unknown_DoesNotExist(Deployment deployment)
    {
        await using var host = RegistryHost.Start(redis[deployment]);
        var result = await host.Client.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "never-enrolled" });
        Assert.False(result.Exists);
        Assert.Equal("", result.FaceId);
    }
}
