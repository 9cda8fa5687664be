namespace Identities.Deploy.Tests.Support;

/// <summary>Container image references: repository and tag.</summary>
internal static class Images
{
    public static string Repository(string image) => Split(image).Repository;

    public static string? Tag(string image) => Split(image).Tag;

    /// <summary>The Dockerfile that builds an identities/* image: identities/x → services/x/Dockerfile, identities/x-gpu → services/x/Dockerfile.gpu.</summary>
    public static string? DockerfileOf(string image)
    {
        var repository = Repository(image);
        if (!repository.StartsWith("identities/", StringComparison.Ordinal))
        {
            return null;
        }
        var name = repository["identities/".Length..];
        return name.EndsWith("-gpu", StringComparison.Ordinal)
            ? Repo.PathOf("services", name[..^"-gpu".Length], "Dockerfile.gpu")
            : Repo.PathOf("services", name, "Dockerfile");
    }

    public static string ServiceOf(string image)
    {
        var name = Repository(image)["identities/".Length..];
        return name.EndsWith("-gpu", StringComparison.Ordinal) ? name[..^"-gpu".Length] : name;
    }

    private static (string Repository, string? Tag) Split(string image)
    {
        var withoutDigest = image.Split('@')[0];
        var slash = withoutDigest.LastIndexOf('/');
        var colon = withoutDigest.LastIndexOf(':');
        return colon > slash ? (withoutDigest[..colon], withoutDigest[(colon + 1)..]) : (withoutDigest, null);
    }
}
