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
                return Create(ImageFormat.Jpeg, width, height);
            }
            if (length < 2)
            {
                return null;
            }
            offset += 2 + length;
        }
        return null;
    }

    private static ImageHeader? ReadBmp(ReadOnlySpan<byte> data)
    {
        var headerSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        if (headerSize == 12)
        {
            return Create(ImageFormat.Bmp, BinaryPrimitives.ReadUInt16LittleEndian(data[18..]), BinaryPrimitives.ReadUInt16LittleEndian(data[20..]));
        }
        // Negative height marks a top-down bitmap.
        return Create(ImageFormat.Bmp, BinaryPrimitives.ReadInt32LittleEndian(data[18..]), Math.Abs(BinaryPrimitives.ReadInt32LittleEndian(data[22..])));
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
