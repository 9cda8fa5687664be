using OpenCvSharp;

namespace Identities.Detector.Landmarks;

/// <summary>
/// The face box, moved inside the image if it sticks out, resized to the landmark model's 64x64 grey
/// input with values x / 256 (as lib/fr_landmark.js prepares it). Returns the crop used.
/// </summary>
public static class LandmarkPreprocessor
{
    public const int InputSize = 64;

    public static Rect Fill(Mat image, Detection.BoxF box, Span<float> tensor)
    {
        var crop = CropRect(box, image.Cols, image.Rows);
        using var roi = new Mat(image, crop);
        using var resized = new Mat();
        using var grey = new Mat();
        Cv2.Resize(roi, resized, new Size(InputSize, InputSize), 0, 0, InterpolationFlags.Linear);
        Cv2.CvtColor(resized, grey, ColorConversionCodes.BGR2GRAY);
        var pixels = grey.AsSpan<byte>();
        for (var i = 0; i < InputSize * InputSize; i++)
        {
            tensor[i] = pixels[i] / 256f;
        }
        return crop;
    }

    /// <summary>The box in whole pixels, shifted (not shrunk) to lie inside the image where it fits.</summary>
    public static Rect CropRect(Detection.BoxF box, int imageWidth, int imageHeight)
    {
        var width = Math.Clamp((int)Math.Round(box.Width), 1, imageWidth);
        var height = Math.Clamp((int)Math.Round(box.Height), 1, imageHeight);
        var x = Math.Clamp((int)Math.Round(box.X1), 0, imageWidth - width);
        var y = Math.Clamp((int)Math.Round(box.Y1), 0, imageHeight - height);
        return new Rect(x, y, width, height);
    }
}
