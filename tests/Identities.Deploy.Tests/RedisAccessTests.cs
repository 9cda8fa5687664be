using System.Diagnostics;
using Identities.Deploy.Tests.Support;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>
/// Redis on Kubernetes is locked down: protected mode, an ACL file written from the Secret identities-redis (the
/// default user with the operator's password, the registry's own limited user), and the placeholders refused.
/// </summary>
public sealed class RedisAccessTests
{
    private const string Strong = "a-long-random-password-1";

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void Redis_RunsProtected_WithTheRegistryUsersPasswordFromTheSecret(string name)
    {
        var rendered = Rendered.Of(name);
        var redis = rendered.Workload("redis").Pod.Containers.Single();
        var args = redis.Args.ToList();
        Assert.Equal("yes", args[args.IndexOf("--protected-mode") + 1]);
        Assert.Equal("identities-redis", Assert.Single(redis.EnvFrom).SecretRef.Name);

        var registry = rendered.Workload("registry").Pod.Containers.Single();
        var password = registry.Env.Single(e => e.Name == "Registry__RedisPassword").ValueFrom.SecretKeyRef;
        Assert.Equal(("identities-redis", "REDIS_REGISTRY_PASSWORD"), (password.Name, password.Key));
        Assert.Equal("identities-registry", rendered.Get<V1ConfigMap>("identities-registry").Data["Registry__RedisUser"]);
    }

    [SkippableTheory]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    [InlineData("REPLACE_ME", Strong, false)]
    [InlineData(Strong, "REPLACE_ME", false)]
    [InlineData(Strong, "short", false)]
    [InlineData(Strong, Strong + "x", true)]
    public void RedisStart_RefusesPlaceholders_AndWritesTheAclFile(string admin, string registry, bool starts)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs a POSIX sh");
        var redis = Rendered.Of("gpu").Workload("redis").Pod.Containers.Single();
        var directory = Directory.CreateTempSubdirectory("identities-redis-");
        try
        {
            // A stand-in redis-server that records how it was started.
            var fake = Path.Combine(directory.FullName, "redis-server");
            File.WriteAllText(fake, "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/started\"\n");
            File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var script = redis.Command[2].Replace("/run/redis", directory.FullName, StringComparison.Ordinal)
                .Replace("exec redis-server", $"exec {fake}", StringComparison.Ordinal);
            var start = new ProcessStartInfo(redis.Command[0], [redis.Command[1], script, .. redis.Command.Skip(3), .. redis.Args])
            {
                RedirectStandardError = true,
                Environment = { ["REDIS_ADMIN_PASSWORD"] = admin, ["REDIS_REGISTRY_PASSWORD"] = registry },
            };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();

            Assert.True(starts == (process.ExitCode == 0), $"exit {process.ExitCode}: {error}");
            if (starts)
            {
                var acl = File.ReadAllLines(Path.Combine(directory.FullName, "users.acl"));
                Assert.Equal($"user default on >{admin} ~* &* +@all", acl[0]);
                Assert.StartsWith($"user identities-registry on >{registry} resetkeys ~idn:* resetchannels -@all ", acl[1], StringComparison.Ordinal);
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.FullName, "users.acl")));
                Assert.StartsWith($"--aclfile {directory.FullName}/users.acl --masterauth {admin} --appendonly yes", File.ReadAllText(Path.Combine(directory.FullName, "started")), StringComparison.Ordinal);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
