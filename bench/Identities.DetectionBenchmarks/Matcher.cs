namespace Identities.DetectionBenchmarks;

/// <summary>
/// Greedy matching, best score first: a box finds a face when they overlap with IoU at least 0.3, or when each
/// box's centre lies inside the other (dlib's boxes are square and tighter than this detector's, which are
/// 1.25-1.9 times taller than wide). Each face is found once; a second box on it is false.
/// </summary>
internal static class Matcher
{
    private const float MinIou = 0.3f;

    public static PhotoMatch Match(PhotoTruth truth, IEnumerable<Detection> detections)
    {
        var free = truth.Faces.ToList();
        var found = new List<(Detection, TruthBox)>();
        var falseBoxes = new List<Detection>();
        var ignored = 0;
        foreach (var box in detections.OrderByDescending(d => d.Score))
        {
            var face = free.Where(f => Same(box, f)).OrderByDescending(f => Iou(box, f)).FirstOrDefault();
            if (face is not null)
            {
                free.Remove(face);
                if (face.Ignore)
                {
                    ignored++;
                }
                else
                {
                    found.Add((box, face));
                }
            }
            else if (truth.Regions.Any(r => r.Contains(box.CentreX, box.CentreY)) || truth.Faces.Any(f => f.Ignore && Same(box, f)))
            {
                ignored++;
            }
            else
            {
                falseBoxes.Add(box);
            }
        }
        return new PhotoMatch(found, falseBoxes, [.. free.Where(f => !f.Ignore)], ignored);
    }

    private static bool Same(Detection box, TruthBox face) =>
        Iou(box, face) >= MinIou || (face.Contains(box.CentreX, box.CentreY) && box.X1 <= face.X + (face.Width / 2) && face.X + (face.Width / 2) <= box.X2
            && box.Y1 <= face.Y + (face.Height / 2) && face.Y + (face.Height / 2) <= box.Y2);

    private static float Iou(Detection box, TruthBox face)
    {
        var w = Math.Min(box.X2, face.Right) - Math.Max(box.X1, face.X);
        var h = Math.Min(box.Y2, face.Bottom) - Math.Max(box.Y1, face.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }
        var intersection = w * h;
        return intersection / ((box.Width * box.Height) + (face.Width * face.Height) - intersection);
    }
}
