using System.Text;
using Identities.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Identities.Registry.Tests;

/// <summary>
/// An erased person leaves Redis's files too: until an AOF rewrite the append-only file still holds the commands that
/// wrote the name, vectors and reference (and the deletions name the keys); the registry starts one after erasures.
/// </summary>
public sealed class ErasureTests
{
    [Fact]
    public async Task DeletePerson_AfterEnrollment_FaceIdNameAndReferenceLeaveEveryFileUnderTheRedisFolder()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = RegistryHost.Start(redis);
        var name = "Erasable-" + Guid.NewGuid().ToString("N")[..8];
        var reference = "erase-" + Guid.NewGuid().ToString("N")[..8];
        var enrolled = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(11)), name, reference));
        string[] traces = [enrolled.FaceId, enrolled.PersonId, name, reference];
        Assert.All(traces, trace => Assert.NotEmpty(FilesContaining(redis.DataDirectory, trace)));

        await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = enrolled.PersonId });

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (traces.Any(trace => FilesContaining(redis.DataDirectory, trace).Count > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.All(traces, trace => Assert.Empty(FilesContaining(redis.DataDirectory, trace)));
        Assert.Empty(await host.DataKeysAsync());
    }

    [Fact]
    public async Task DeleteFace_ManyErasuresInARow_StartOneRewriteThenWaitForTheInterval()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = RegistryHost.Start(redis, new Dictionary<string, string?> { ["Registry:ErasureRewriteIntervalSeconds"] = "3600" });
        var compaction = host.Services.GetRequiredService<ErasureCompaction>();
        var faces = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            faces.Add((await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(100 + i))))).FaceId);
        }

        foreach (var face in faces)
        {
            await host.Client.DeleteFaceAsync(new DeleteFaceRequest { FaceId = face });
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (compaction.Rewrites == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        await Task.Delay(1000);

        Assert.Equal(1, compaction.Rewrites);
    }

    [Fact]
    public async Task DeletePerson_RewriteSwitchedOff_StartsNoRewrite()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var host = RegistryHost.Start(redis, new Dictionary<string, string?> { ["Registry:ErasureRewriteIntervalSeconds"] = "0" });
        var enrolled = await host.Client.EnrollFaceAsync(TestVectors.NewPerson(TestVectors.RandomUnit(new Random(12))));

        await host.Client.DeletePersonAsync(new DeletePersonRequest { PersonId = enrolled.PersonId });
        await Task.Delay(1000);

        Assert.Equal(0, host.Services.GetRequiredService<ErasureCompaction>().Rewrites);
        Assert.NotEmpty(FilesContaining(redis.DataDirectory, enrolled.FaceId));
    }

    /// <summary>Files under the folder whose bytes contain the text (ASCII), however Redis encoded the rest.</summary>
    private static List<string> FilesContaining(string folder, string text)
    {
        var needle = Encoding.ASCII.GetBytes(text);
        return [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(file => ReadShared(file).AsSpan().IndexOf(needle) >= 0)];
    }

    private static byte[] ReadShared(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (FileNotFoundException)
        {
            return []; // removed by Redis while we looked: holds nothing any more
        }
    }
}
