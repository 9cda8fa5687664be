using OpenCvSharp;

namespace Identities.Detector.Detection;

/// <summary>
/// Where an unsure candidate is looked at again, and what that second look says. The region is centred on
/// the candidate, has the model's aspect ratio and is <c>context</c> times the box's height, so the model sees
/// the face at the scale it scores faces most surely, with its head, neck and shoulders around it. A hand, a
/// chest or a dog's face that one pass scored 0.8 rarely stays a face seen this way (docs/DETECTION.md).
/// </summary>
public static class ConfirmationPlanner
{
    /// <summary>Re-detections overlapping the candidate at least this much (IoU) count as the same face.</summary>
    public const float MinOverlap = 0.5f;

    /// <summary>The second look reads boxes down to this score, so its score says how sure, not only whether.</summary>
    public const float MinReportedScore = 0.05f;

    /// <summary>The region to re-detect in, inside the image; shifted rather than cut where the face is near an edge.</summary>
    public static Rect Region(BoxF box, int imageWidth, int imageHeight, int inputWidth, int inputHeight, float context)
    {
        // Never smaller than the model's input: a small face is looked at again at its own pixels, not enlarged.
        var height = Math.Max(inputHeight, box.Height * context);
        var width = height * inputWidth / inputHeight;
        var w = (int)Math.Min(imageWidth, Math.Ceiling(width));
        var h = (int)Math.Min(imageHeight, Math.Ceiling(height));
        var centreX = (box.X1 + box.X2) / 2;
        var centreY = (box.Y1 + box.Y2) / 2;
        var x = (int)Math.Clamp(Math.Round(centreX - (w / 2f)), 0, imageWidth - w);
        var y = (int)Math.Clamp(Math.Round(centreY - (h / 2f)), 0, imageHeight - h);
        return new Rect(x, y, w, h);
    }

    /// <summary>A face small enough that its region is a window of the model's input at the photo's own pixels.</summary>
    public static bool IsSmall(BoxF box, int inputHeight, float context) => box.Height * context <= inputHeight;

    /// <summary>
    /// True when the box lies inside the region with at least its own height of context on every side that is not
    /// the photo's edge: a pass over that region sees it as a pass centred on it would.
    /// </summary>
    public static bool LiesWellInside(BoxF box, Rect region, int imageWidth, int imageHeight)
    {
        var margin = box.Height;
        return (region.X == 0 ? box.X1 >= 0 : box.X1 >= region.X + margin)
            && (region.Y == 0 ? box.Y1 >= 0 : box.Y1 >= region.Y + margin)
            && (region.Right >= imageWidth ? box.X2 <= imageWidth : box.X2 <= region.Right - margin)
            && (region.Bottom >= imageHeight ? box.Y2 <= imageHeight : box.Y2 <= region.Bottom - margin);
    }

    /// <summary>True when the box reaches (or crosses) an edge of the image: the face may be cut, and cut faces score lower.</summary>
    public static bool ReachesImageEdge(BoxF box, int imageWidth, int imageHeight)
    {
        var margin = Math.Max(2f, 0.02f * Math.Min(box.Width, box.Height));
        return box.X1 <= margin || box.Y1 <= margin || box.X2 >= imageWidth - margin || box.Y2 >= imageHeight - margin;
    }

    /// <summary>The best score among <paramref name="found"/> boxes that overlap <paramref name="box"/>; 0 when none does.</summary>
    public static float Score(IEnumerable<FaceCandidate> found, BoxF box)
    {
        var best = 0f;
        foreach (var face in found)
        {
            if (face.Score > best && face.Box.IntersectionOverUnion(box) >= MinOverlap)
            {
                best = face.Score;
            }
        }
        return best;
    }
}
