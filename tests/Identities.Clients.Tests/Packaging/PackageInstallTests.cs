namespace Identities.Clients.Tests.Packaging;

/// <summary>
/// The packages install from a local folder feed into a fresh console project and work against the real stack:
/// the SDK runs the contract's C# sample with only its using line changed; Identities.Contracts calls the registry.
/// </summary>
[Collection(ClientsCollection.Name)]
public sealed class PackageInstallTests(StackFixture stack)
{
    [SkippableFact]
    public async Task ContractSample_WithThePackedSdk_CompilesAndRunsUnchanged()
    {
        SharedFaces.SkipIfMissing();
        Contract.SkipIfMissing();
        await ReferenceReset.RemoveAsync(stack, "ext-123");
        using var project = await FreshConsoleProject.CreateAsync();
        await project.PackAsync(Path.Combine(RepositoryPaths.Root, "clients", "dotnet", "Identities.Client", "Identities.Client.csproj"));
        (await project.DotnetAsync("add", "package", "Identities.Client", "--version", "1.0.0")).AssertSuccess("dotnet add package Identities.Client");

        // The sample as published; only the using line (the contract's SDK is another vendor's) and the sample's
        // placeholders for the server and the user change.
        var sample = Contract.CSharpSample()
            .Replace("using eConnect.IdentitiesDbSdk;", "using Identities.Client;", StringComparison.Ordinal)
            .Replace("\"https://customername.econnectcloud.com/identities\"", $"\"{stack.GatewayAddress.ToString().TrimEnd('/')}\"", StringComparison.Ordinal)
            .Replace("\"your_username\"", "\"admin\"", StringComparison.Ordinal)
            .Replace("\"your_password\"", $"\"{StackFixture.AdminPassword}\"", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(project.AppDirectory, "Program.cs"), sample);
        File.Copy(SharedFaces.PathOf("img1.jpg"), Path.Combine(project.AppDirectory, "face.jpg"));
        File.Copy(SharedFaces.PathOf("img10.jpg"), Path.Combine(project.AppDirectory, "face2.jpg"));

        // `new HttpClient()` trusts the gateway's self-signed certificate only through the machine's trust: here SSL_CERT_FILE.
        var run = await project.DotnetAsync(["run"], new Dictionary<string, string?> { ["SSL_CERT_FILE"] = stack.CertificatePemPath() });
        run.AssertSuccess("the contract's C# sample");
        Assert.Matches(@"Enrolled person: [0-9a-f]{8}-[0-9a-f]{4}-", run.Output);
        Assert.Matches(@"faceId=[0-9a-f]{8}-[0-9a-f-]{27} quality=\d", run.Output);
        Assert.Contains("match=True confidence=", run.Output, StringComparison.Ordinal);
        Assert.Contains("exists=True", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContractsPackage_InFreshConsoleProject_CallsTheRegistryWithTheGeneratedClient()
    {
        using var project = await FreshConsoleProject.CreateAsync();
        await project.PackAsync(Path.Combine(RepositoryPaths.Root, "protos", "Identities.Contracts.csproj"));
        var package = Path.Combine(project.Feed, "Identities.Contracts.1.0.0.nupkg");
        using (var archive = System.IO.Compression.ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/Identities.Contracts.dll", entries);
            Assert.Contains("lib/net10.0/Identities.Contracts.xml", entries);
            Assert.Contains("protos/identities/registry/v1/registry.proto", entries);
        }
        (await project.DotnetAsync("add", "package", "Identities.Contracts", "--version", "1.0.0")).AssertSuccess("dotnet add package Identities.Contracts");
        await File.WriteAllTextAsync(Path.Combine(project.AppDirectory, "Program.cs"), """
            using Grpc.Core;
            using Grpc.Net.Client;
            using Identities.Contracts.Errors;
            using Identities.Registry.V1;

            using var channel = GrpcChannel.ForAddress(args[0]);
            var registry = new Registry.RegistryClient(channel);
            // Internal consumers authenticate with a user's bearer token of the gateway's issuer (docs/DEPLOY.md).
            var auth = new Metadata { { "Authorization", "Bearer " + args[1] } };
            var check = await registry.CheckReferenceAsync(new CheckReferenceRequest { PhotoReferenceId = "never-enrolled" }, auth);
            Console.WriteLine($"exists={check.Exists}");
            try
            {
                await registry.GetPersonAsync(new GetPersonRequest { PersonId = "not-a-guid" }, auth);
            }
            catch (RpcException ex)
            {
                Console.WriteLine($"status={ex.StatusCode} domain={ErrorDomains.Registry}");
            }
            """);
        var run = await project.DotnetAsync(["run", "--", stack.RegistryAddress, TestTokens.Admin()], null);
        run.AssertSuccess("a console app on the Identities.Contracts package");
        Assert.Contains("exists=False", run.Output, StringComparison.Ordinal);
        Assert.Contains("status=InvalidArgument domain=identities.registry", run.Output, StringComparison.Ordinal);
    }
}
