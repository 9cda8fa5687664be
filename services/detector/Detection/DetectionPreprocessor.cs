using OpenCvSharp;

namespace Identities.Detector.Detection;

/// <summary>
/// A BGR image region to the detector's [1, 3, H, W] RGB input, (x - 127) / 128. The region is scaled
/// with its aspect ratio kept (squashing distorts faces) and the rest of the input is left at 0, the
/// normalised value of mid-grey.
/// </summary>
public static class DetectionPreprocessor
{
    public static Letterbox Fill(Mat image, Rect region, int inputWidth, int inputHeight, Span<float> tensor)
    {
        var scale = Math.Min((float)inputWidth / region.Width, (float)inputHeight / region.Height);
        var width = Math.Clamp((int)Math.Round(region.Width * scale), 1, inputWidth);
        var height = Math.Clamp((int)Math.Round(region.Height * scale), 1, inputHeight);

        using var roi = new Mat(image, region);
        using var resized = new Mat();
        Cv2.Resize(roi, resized, new Size(width, height), 0, 0, scale < 1 ? InterpolationFlags.Area : InterpolationFlags.Linear);

        tensor.Clear();
        var pixels = resized.AsSpan<byte>();
        var stride = width * 3;
        var plane = inputWidth * inputHeight;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * inputWidth) + x;
                var p = (y * stride) + (x * 3);
                tensor[i] = (pixels[p + 2] - 127f) / 128f;
                tensor[plane + i] = (pixels[p + 1] - 127f) / 128f;
                tensor[(2 * plane) + i] = (pixels[p] - 127f) / 128f;
            }
        }

        // Actual scale per axis after rounding, averaged: both differ from `scale` by under half a pixel.
        return new Letterbox(region.X, region.Y, ((float)width / region.Width + (float)height / region.Height) / 2);
    }
}
