using Google.Protobuf.WellKnownTypes;
using Identities.Registry.Storage;
using Identities.Registry.V1;

namespace Identities.Registry.Grpc;

/// <summary>Stored records to the wire contract and back.</summary>
internal static class RegistryMapper
{
    public static Person ToMessage(PersonRecord p)
    {
        var message = new Person
        {
            PersonId = p.PersonId,
            Name = p.Name,
            CreatedAt = Timestamp.FromDateTimeOffset(p.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(p.UpdatedAt),
            FaceCount = p.FaceCount,
        };
        message.Tags.AddRange(p.Tags);
        foreach (var (key, value) in p.Attributes)
        {
            message.Attributes[key] = value;
        }
        return message;
    }

    public static Face ToMessage(FaceRecord f) => new()
    {
        FaceId = f.FaceId,
        PersonId = f.PersonId,
        ModelId = f.ModelId,
        Box = new Box { X = f.Box.X, Y = f.Box.Y, Width = f.Box.Width, Height = f.Box.Height },
        Quality = f.Quality,
        PhotoReferenceId = f.PhotoReferenceId,
        DetectId = f.DetectId,
        CreatedAt = Timestamp.FromDateTimeOffset(f.CreatedAt),
    };

    public static SearchResponse ToMessage(IReadOnlyList<MatchRecord> matches)
    {
        var response = new SearchResponse();
        response.Matches.AddRange(matches.Select(m => new Match { FaceId = m.FaceId, PersonId = m.PersonId, Score = m.Score }));
        return response;
    }

    public static BoxRecord ToRecord(Box? box) =>
        box is null ? new BoxRecord(0, 0, 0, 0) : new BoxRecord(box.X, box.Y, box.Width, box.Height);
}
