using Identities.Detector.Detection;
using Identities.Detector.Landmarks;
using Identities.Inference;
using Microsoft.Extensions.Options;

namespace Identities.Detector.Pipeline;

/// <summary>The detection and landmark sessions, loaded and warmed before the worker reports ready.</summary>
public sealed class DetectorModels(IOptions<DetectorOptions> options, OnnxSessionFactory sessions) : IModelWarmup, IDisposable
{
    private DetectionSession? _detection;
    private LandmarkSession? _landmarks;

    public DetectionSession Detection => _detection ?? throw new InvalidOperationException("The detection model is not loaded yet.");

    public LandmarkSession Landmarks => _landmarks ?? throw new InvalidOperationException("The landmark model is not loaded yet.");

    public void Warmup()
    {
        var detection = new DetectionSession(sessions.Load(options.Value.DetectionModelPath));
        var landmarks = new LandmarkSession(sessions.Load(options.Value.LandmarkModelPath));
        detection.Run(new float[detection.InputLength]);
        landmarks.Run(new float[LandmarkSession.InputLength]);
        _detection = detection;
        _landmarks = landmarks;
    }

    public void Dispose()
    {
        _detection?.Dispose();
        _landmarks?.Dispose();
    }
}
