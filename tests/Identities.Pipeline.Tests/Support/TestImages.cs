using Identities.Testing;
using OpenCvSharp;

namespace Identities.Pipeline.Tests.Support;

/// <summary>Images made in the test: encoded variants of shared photos and synthetic files.</summary>
public static class TestImages
{
    public static byte[] Encode(Mat image, string extension = ".png")
    {
        Cv2.ImEncode(extension, image, out var bytes);
        return bytes;
    }

    public static Mat Load(string sharedFile) => Cv2.ImRead(SharedFaces.PathOf(sharedFile), ImreadModes.Color);

    /// <summary>The EXIF orientations that turn the stored pixels, with how the pixels are stored for each.</summary>
    public static TheoryData<ushort, RotateFlags> ExifRotations { get; } = new()
    {
        { 6, RotateFlags.Rotate90Counterclockwise },
        { 8, RotateFlags.Rotate90Clockwise },
        { 3, RotateFlags.Rotate180 },
    };

    /// <summary>A JPEG of <paramref name="upright"/> stored turned, whose EXIF orientation says how to turn it back.</summary>
    public static byte[] StoredTurned(Mat upright, ushort orientation, RotateFlags storedAs)
    {
        using var stored = new Mat();
        Cv2.Rotate(upright, stored, storedAs);
        return WithExifOrientation(Encode(stored, ".jpg"), orientation);
    }

    /// <summary>
    /// Inserts an EXIF APP1 segment with only an Orientation tag right after the JPEG's SOI marker.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'I', (byte)'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00, // little-endian TIFF, IFD at 8
            0x01, 0x00, // one entry
            0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, (byte)orientation, 0x00, 0x00, 0x00, // Orientation, SHORT, 1
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        byte[] exifHeader = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var length = 2 + exifHeader.Length + tiff.Length;
        var segment = new List<byte> { 0xFF, 0xE1, (byte)(length >> 8), (byte)length };
        segment.AddRange(exifHeader);
        segment.AddRange(tiff);
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A PNG whose header claims the given size; the pixel data is absent (never decoded).</summary>
    public static byte[] PngHeaderOnly(int width, int height)
    {
        byte[] header = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        var size = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(size, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(size.AsSpan(4), height);
        return [.. header, .. size, 8, 2, 0, 0, 0, 0, 0, 0, 0];
    }
}
