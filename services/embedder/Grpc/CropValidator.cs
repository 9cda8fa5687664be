using Google.Rpc;
using Grpc.Core;
using Identities.Embedder.V1;

namespace Identities.Embedder.Grpc;

/// <summary>Checks every crop of a request before any is queued, naming each bad field.</summary>
internal static class CropValidator
{
    public static void Validate(EmbedRequest request, int width, int height, int maxFaces)
    {
        var violations = new List<BadRequest.Types.FieldViolation>();
        if (request.Faces.Count == 0)
        {
            violations.Add(Violation("faces", "at least one face crop is required"));
        }
        else if (request.Faces.Count > maxFaces)
        {
            violations.Add(Violation("faces", $"at most {maxFaces} face crops per call"));
        }

        for (var i = 0; i < request.Faces.Count && violations.Count < 10; i++)
        {
            var face = request.Faces[i];
            if (face.Width != width || face.Height != height)
            {
                violations.Add(Violation($"faces[{i}]", $"crop is {face.Width}x{face.Height}; the model takes aligned {width}x{height} crops"));
            }
            else if (face.Rgb.Length != width * height * 3)
            {
                violations.Add(Violation($"faces[{i}].rgb", $"expected {width * height * 3} bytes of packed RGB, got {face.Rgb.Length}"));
            }
        }

        if (violations.Count > 0)
        {
            var badRequest = new BadRequest { FieldViolations = { violations } };
            throw new Google.Rpc.Status
            {
                Code = (int)Code.InvalidArgument,
                Message = string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")),
                Details = { Google.Protobuf.WellKnownTypes.Any.Pack(badRequest) },
            }.ToRpcException();
        }
    }

    private static BadRequest.Types.FieldViolation Violation(string field, string description) =>
        new() { Field = field, Description = description };
}
