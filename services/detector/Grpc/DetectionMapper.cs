using Google.Protobuf;
using Identities.Detector.Pipeline;
using Identities.Detector.V1;

namespace Identities.Detector.Grpc;

/// <summary>Pipeline results to the wire contract.</summary>
internal static class DetectionMapper
{
    public static DetectionRequestOptions ToRequestOptions(DetectOptions? options) =>
        options is null ? new DetectionRequestOptions() : new DetectionRequestOptions(options.MinScore, options.MaxFaces, options.OmitCrops);

    public static DetectResponse ToResponse(DetectionResult result)
    {
        var response = new DetectResponse { ImageWidth = result.ImageWidth, ImageHeight = result.ImageHeight };
        foreach (var face in result.Faces)
        {
            response.Faces.Add(ToMessage(face));
        }
        return response;
    }

    private static DetectedFace ToMessage(DetectedFaceResult face)
    {
        var q = face.Quality;
        var message = new DetectedFace
        {
            Box = new BoundingBox { X = face.Box.X1, Y = face.Box.Y1, Width = face.Box.Width, Height = face.Box.Height },
            Score = face.Score,
            Quality = new V1.Quality
            {
                Score = q.Score,
                Detection = q.Detection,
                Size = q.Size,
                Sharpness = q.Sharpness,
                Frontalness = q.Frontalness,
                Exposure = q.Exposure,
                InterOcularDistance = q.InterOcularDistance,
            },
        };
        message.Landmarks.AddRange(face.Landmarks.Select(p => new Point { X = p.X, Y = p.Y }));
        if (face.AlignedRgb is { } rgb)
        {
            message.Aligned = new AlignedFace
            {
                Width = Alignment.FaceAligner.Size,
                Height = Alignment.FaceAligner.Size,
                Rgb = UnsafeByteOperations.UnsafeWrap(rgb),
            };
        }
        return message;
    }
}
