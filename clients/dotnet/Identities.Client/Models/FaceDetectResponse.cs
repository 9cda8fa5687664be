namespace Identities.Client;

/// <summary>Every face found in an image.</summary>
public sealed class FaceDetectResponse
{
    /// <summary>The faces, highest detection score first; empty when the image has none.</summary>
    public IReadOnlyList<FaceDetection> Detections { get; init; } = [];
}
