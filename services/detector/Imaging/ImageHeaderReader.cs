using System.Buffers.Binary;

namespace Identities.Detector.Imaging;

/// <summary>
/// Reads format and dimensions from the first bytes of JPEG, PNG, BMP and WebP files, so that a
/// decompression bomb is refused before decoding costs anything. Returns null for anything else.
/// </summary>
public static class ImageHeaderReader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageHeader? Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 26)
        {
            return null;
        }
        if (data[0] == 0xFF && data[1] == 0xD8)
        {
            return ReadJpeg(data);
        }
        if (data[..8].SequenceEqual(PngSignature) && data[12..16].SequenceEqual("IHDR"u8))
        {
            return Create(ImageFormat.Png, BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
        }
        if (data[0] == (byte)'B' && data[1] == (byte)'M')
        {
            return ReadBmp(data);
        }
        if (data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ReadWebP(data);
        }
        return null;
    }

    private static ImageHeader? ReadJpeg(ReadOnlySpan<byte> data)
    {
        var offset = 2;
        var orientation = 1;
        while (offset + 9 < data.Length)
        {
            if (data[offset] != 0xFF)
            {
                return null;
            }
            var marker = data[offset + 1];
            if (marker == 0xFF)
            {
                offset++; // fill byte
                continue;
            }
            if (marker is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                offset += 2; // markers without a length
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            // SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 5)..]);
                var width = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 7)..]);
                return width > 0 && height > 0 ? new ImageHeader(ImageFormat.Jpeg, width, height, orientation) : null;
            }
            if (length < 2)
            {
                return null;
            }
            // APP1 "Exif" comes before the frame header; its orientation decides which side is the width.
            if (marker == 0xE1 && offset + 2 + length <= data.Length)
            {
                orientation = ExifOrientation(data.Slice(offset + 4, length - 2)) ?? orientation;
            }
            offset += 2 + length;
        }
        return null;
    }

    /// <summary>Tag 0x0112 of IFD0 in an APP1 payload ("Exif\0\0" + TIFF); null when absent or malformed.</summary>
    private static int? ExifOrientation(ReadOnlySpan<byte> app1)
    {
        if (app1.Length < 14 || !app1[..6].SequenceEqual("Exif\0\0"u8))
        {
            return null;
        }
        var tiff = app1[6..];
        var little = tiff[0] == (byte)'I' && tiff[1] == (byte)'I';
        if (!little && !(tiff[0] == (byte)'M' && tiff[1] == (byte)'M'))
        {
            return null;
        }
        var ifd = ReadUInt32(tiff[4..], little);
        if (ifd > (uint)(tiff.Length - 2))
        {
            return null;
        }
        var entries = ReadUInt16(tiff[(int)ifd..], little);
        for (var i = 0; i < entries; i++)
        {
            var entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                return null;
            }
            if (ReadUInt16(tiff[entry..], little) == 0x0112)
            {
                var value = ReadUInt16(tiff[(entry + 8)..], little);
                return value is >= 1 and <= 8 ? value : null;
            }
        }
        return null;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16BigEndian(data);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32BigEndian(data);

    private static ImageHeader? ReadBmp(ReadOnlySpan<byte> data)
    {
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        if (headerSize == 12)
        {
            return Create(ImageFormat.Bmp, BinaryPrimitives.ReadUInt16LittleEndian(data[18..]), BinaryPrimitives.ReadUInt16LittleEndian(data[20..]));
        }
        // Negative height marks a top-down bitmap; int.MinValue has no positive counterpart (Math.Abs would throw).
        var height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        return height == int.MinValue ? null : Create(ImageFormat.Bmp, BinaryPrimitives.ReadInt32LittleEndian(data[18..]), Math.Abs(height));
    }

    private static ImageHeader? ReadWebP(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8) && data.Length >= 30)
        {
            return Create(ImageFormat.WebP, BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }
        if (chunk.SequenceEqual("VP8L"u8) && data.Length >= 25)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return Create(ImageFormat.WebP, (int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }
        if (chunk.SequenceEqual("VP8X"u8) && data.Length >= 30)
        {
            var width = data[24] | (data[25] << 8) | (data[26] << 16);
            var height = data[27] | (data[28] << 8) | (data[29] << 16);
            return Create(ImageFormat.WebP, width + 1, height + 1);
        }
        return null;
    }

    private static ImageHeader? Create(ImageFormat format, int width, int height) =>
        width > 0 && height > 0 ? new ImageHeader(format, width, height) : null;
}
