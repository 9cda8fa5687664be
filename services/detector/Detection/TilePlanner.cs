using OpenCvSharp;

namespace Identities.Detector.Detection;

/// <summary>
/// The detector sees 320x240 pixels, so a face of 60 px in a 4000 px photo shrinks to 5 px and vanishes.
/// Large images are also searched in a pyramid of overlapping tiles: level L cuts the image into
/// 2^L x 2^L tiles, each 25% wider than its share so that a face on a seam lies whole in one tile.
/// A level is added only while its tiles are still shrunk at least 1.5x to fit the model: below that the
/// previous level already sees every face the model can (and an enlarged part of a big face looks like a
/// face to the model). Each pass costs about 7 ms on a CPU core, so a 1 MP photo gets 5 passes, not 21.
/// </summary>
public static class TilePlanner
{
    private const float Overlap = 1.25f;
    private const float MinTileShrink = 1.5f;

    public static List<DetectionTile> Plan(int width, int height, int inputWidth, int inputHeight, int maxLevels)
    {
        var tiles = new List<DetectionTile> { new(new Rect(0, 0, width, height), 0) };
        var shrink = Math.Max((float)width / inputWidth, (float)height / inputHeight);
        for (var level = 1; level <= maxLevels && shrink > MinTileShrink; level++)
        {
            var perAxis = 1 << level;
            var tileWidth = Math.Min(width, (int)Math.Ceiling(width * Overlap / perAxis));
            var tileHeight = Math.Min(height, (int)Math.Ceiling(height * Overlap / perAxis));
            var tileShrink = Math.Max((float)tileWidth / inputWidth, (float)tileHeight / inputHeight);
            if (tileShrink < MinTileShrink)
            {
                break;
            }
            foreach (var y in Starts(height, tileHeight, perAxis))
            {
                foreach (var x in Starts(width, tileWidth, perAxis))
                {
                    tiles.Add(new DetectionTile(new Rect(x, y, tileWidth, tileHeight), level));
                }
            }
            shrink = tileShrink;
        }
        return tiles;
    }

    private static IEnumerable<int> Starts(int size, int tileSize, int count)
    {
        var step = count > 1 ? (float)(size - tileSize) / (count - 1) : 0;
        return Enumerable.Range(0, count).Select(i => (int)Math.Round(i * step));
    }

    /// <summary>
    /// True when a box touches a tile edge that is not an image edge: that face may be cut, and the
    /// overlap puts it whole in a neighbouring tile.
    /// </summary>
    public static bool TouchesInnerEdge(BoxF box, Rect tile, int imageWidth, int imageHeight, float margin)
    {
        return (tile.X > 0 && box.X1 <= tile.X + margin)
            || (tile.Y > 0 && box.Y1 <= tile.Y + margin)
            || (tile.Right < imageWidth && box.X2 >= tile.Right - margin)
            || (tile.Bottom < imageHeight && box.Y2 >= tile.Bottom - margin);
    }
}
