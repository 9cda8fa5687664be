using OpenCvSharp;

namespace Identities.Detector.Detection;

/// <summary>A region the detector runs on; Level 0 is the whole image.</summary>
public readonly record struct DetectionTile(Rect Region, int Level);
