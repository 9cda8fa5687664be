using System.Diagnostics;
using System.Text;
using Identities.Deploy.Tests.Support;
using k8s.Models;

namespace Identities.Deploy.Tests;

/// <summary>No secret is committed: Secrets hold only the documented placeholder, and the gateway refuses to start with it.</summary>
public sealed class SecretTests
{
    /// <summary>The one value a committed Secret may hold; docs/DEPLOY.md documents it.</summary>
    public const string Placeholder = "REPLACE_ME";

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void EverySecretValue_IsThePlaceholder(string name)
    {
        var secrets = Rendered.Of(name).OfType<V1Secret>().ToList();
        Assert.Contains(secrets, s => s.Metadata.Name == "identities-gateway");
        Assert.All(secrets, secret =>
        {
            Assert.All(secret.StringData ?? new Dictionary<string, string>(), v => Assert.Equal(Placeholder, v.Value));
            Assert.All(secret.Data ?? new Dictionary<string, byte[]>(), v => Assert.Equal(Placeholder, Encoding.UTF8.GetString(v.Value)));
        });
        Assert.Equal(["admin-password", "jwt-signing.key"], WorkloadTests.SecretKeys(secrets.Single(s => s.Metadata.Name == "identities-gateway")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ThePlaceholder_IsDocumented()
    {
        var deploy = Repo.Read("docs", "DEPLOY.md");
        Assert.Contains(Placeholder, deploy, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Rendered.All), MemberType = typeof(Rendered))]
    public void SecretLookingVariables_ComeFromSecrets(string name)
    {
        string[] sensitive = ["PASSWORD", "SECRET", "TOKEN", "KEY"];
        Assert.All(Rendered.Of(name).Containers.SelectMany(c => c.Container.Env ?? []), variable =>
        {
            if (sensitive.Any(s => variable.Name.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                Assert.True(variable.Value is null && variable.ValueFrom?.SecretKeyRef is not null, $"{variable.Name} must come from a Secret");
            }
        });
        Assert.All(Rendered.Of(name).OfType<V1ConfigMap>().SelectMany(c => c.Data), entry =>
            Assert.DoesNotContain("password", entry.Value, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NoKeyMaterial_IsCommittedUnderDeploy_EvenInFilesNotRendered()
    {
        var files = Directory.EnumerateFiles(Repo.PathOf("deploy"), "*", SearchOption.AllDirectories).ToList();
        Assert.All(files, file => Assert.DoesNotContain("-----BEGIN", File.ReadAllText(file), StringComparison.Ordinal));
        // Secrets only: deploy/ also holds custom resources (ServiceMonitor, ScaledObject) that the typed models lack.
        var secrets = files.Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) && Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => Yaml.Documents(File.ReadAllText(f)))
            .Where(d => Yaml.Scalar(d, "kind") == "Secret")
            .Select(d => k8s.KubernetesYaml.Deserialize<V1Secret>(Yaml.Write([d]))).ToList();
        Assert.NotEmpty(secrets);
        Assert.All(secrets, secret => Assert.All(
            (secret.StringData ?? new Dictionary<string, string>()).Values.Concat((secret.Data ?? new Dictionary<string, byte[]>()).Values.Select(Encoding.UTF8.GetString)),
            value => Assert.Equal(Placeholder, value)));
    }

    /// <summary>The gateway's init container, run here with sh: placeholder or short key refused, real values accepted.</summary>
    [SkippableTheory]
    [InlineData(Placeholder, "a real password", false)]
    [InlineData("31 bytes, one short of a key...", "a real password", false)]
    [InlineData("a key of 32 random-looking bytes", Placeholder, false)]
    [InlineData("a key of 32 random-looking bytes", "a real password", true)]
    [InlineData("a key of 32 random-looking bytes", "", true)]
    public void GatewayInitContainer_RefusesThePlaceholders(string key, string adminPassword, bool starts)
    {
        Skip.If(OperatingSystem.IsWindows(), "needs a POSIX sh");
        var gateway = Rendered.Of("gpu").Workload("gateway").Pod;
        var check = Assert.Single(gateway.InitContainers);
        var mount = check.VolumeMounts.Single();
        var keyItem = gateway.Volumes.Single(v => v.Name == mount.Name).Secret.Items.Single();

        var directory = Directory.CreateTempSubdirectory("identities-keys-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, keyItem.Path), key);
            var script = check.Command[^1].Replace(mount.MountPath, directory.FullName, StringComparison.Ordinal);
            var start = new ProcessStartInfo(check.Command[0], [.. check.Command.Skip(1).SkipLast(1), script])
            {
                RedirectStandardError = true,
                Environment = { ["IDENTITIES_ADMIN_PASSWORD"] = adminPassword },
            };
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(starts == (process.ExitCode == 0), $"exit {process.ExitCode}: {error}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
