namespace Identities.Clients.Tests.Protos;

/// <summary>The gRPC contracts: buf lint with the committed buf.yaml, and no breaking change against the released protos.</summary>
public sealed class ProtoContractTests
{
    [SkippableFact]
    public async Task BufLint_Protos_HasNoFindings()
    {
        var buf = await Tools.RequireNpmToolAsync(Tools.Buf);
        var result = await ProcessRunner.RunAsync(buf, ["lint"], RepositoryPaths.Root);
        result.AssertSuccess("buf lint");
    }

    [SkippableFact]
    public async Task BufLint_MessageWithoutComment_IsReported()
    {
        var buf = await Tools.RequireNpmToolAsync(Tools.Buf);
        using var workspace = ProtoWorkspace.Copy();
        workspace.Edit("protos/identities/embedder/v1/embedder.proto", text => text.Replace("// One face's embedding.\n", "", StringComparison.Ordinal));
        var result = await ProcessRunner.RunAsync(buf, ["lint"], workspace.Path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Message \"Embedding\" should have a non-empty comment", result.Output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task BufBreaking_AgainstTheReleasedProtos_FindsNoBreakingChange()
    {
        var buf = await Tools.RequireNpmToolAsync(Tools.Buf);
        var result = await ProcessRunner.RunAsync(buf, ["breaking", "--against", ProtoWorkspace.Baseline], RepositoryPaths.Root);
        result.AssertSuccess("buf breaking against protos/buf-baseline.json");
    }

    [SkippableFact]
    public async Task BufBreaking_AgainstMainBranch_FindsNoBreakingChange()
    {
        var buf = await Tools.RequireNpmToolAsync(Tools.Buf);
        var gitDirectory = await ProcessRunner.RunAsync("git", ["rev-parse", "--git-common-dir"], RepositoryPaths.Root);
        var main = await ProcessRunner.RunAsync("git", ["rev-parse", "--verify", "--quiet", "main:buf.yaml"], RepositoryPaths.Root);
        Skip.If(gitDirectory.ExitCode != 0 || main.ExitCode != 0, "No git main branch with a buf.yaml here (an export, or a clone without main); the released-protos baseline test still runs.");
        var against = $"{Path.GetFullPath(gitDirectory.Output.Trim(), RepositoryPaths.Root)}#ref=main";
        var result = await ProcessRunner.RunAsync(buf, ["breaking", "--against", against], RepositoryPaths.Root);
        result.AssertSuccess($"buf breaking --against {against}");
    }

    [SkippableFact]
    public async Task BufBreaking_FieldRenumbered_IsReported()
    {
        var buf = await Tools.RequireNpmToolAsync(Tools.Buf);
        using var workspace = ProtoWorkspace.Copy();
        workspace.Edit("protos/identities/registry/v1/registry.proto", text => text.Replace("int32 face_count = 7;", "int32 face_count = 9;", StringComparison.Ordinal));
        var result = await ProcessRunner.RunAsync(buf, ["breaking", "--against", Path.Combine(RepositoryPaths.Root, ProtoWorkspace.Baseline)], workspace.Path);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("face_count", result.Output, StringComparison.Ordinal);
    }
}
