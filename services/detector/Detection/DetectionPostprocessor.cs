namespace Identities.Detector.Detection;

/// <summary>
/// The detector's outputs to candidate boxes in image pixels. Boxes come out of the model already
/// decoded as 0..1 corners of its input, so no prior boxes are needed.
/// </summary>
public static class DetectionPostprocessor
{
    /// <param name="scores">[N, 2] background/face probabilities.</param>
    /// <param name="boxes">[N, 4] corners (x1, y1, x2, y2), 0..1 of the model input.</param>
    public static List<FaceCandidate> Decode(
        ReadOnlySpan<float> scores, ReadOnlySpan<float> boxes, int inputWidth, int inputHeight,
        Letterbox letterbox, float minScore)
    {
        var candidates = new List<FaceCandidate>();
        var count = scores.Length / 2;
        for (var i = 0; i < count; i++)
        {
            var score = scores[(i * 2) + 1];
            if (score < minScore)
            {
                continue;
            }
            var b = boxes.Slice(i * 4, 4);
            var box = new BoxF(
                letterbox.ToImageX(b[0] * inputWidth),
                letterbox.ToImageY(b[1] * inputHeight),
                letterbox.ToImageX(b[2] * inputWidth),
                letterbox.ToImageY(b[3] * inputHeight));
            if (box.Width > 0 && box.Height > 0)
            {
                candidates.Add(new FaceCandidate(box, score));
            }
        }
        return candidates;
    }
}
