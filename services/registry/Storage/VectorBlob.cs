using System.Runtime.InteropServices;

namespace Identities.Registry.Storage;

/// <summary>Vectors as VADD/VSIM's FP32 argument: little-endian float32 bytes.</summary>
public static class VectorBlob
{
    public static byte[] FromFloats(ReadOnlySpan<float> vector)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("FP32 blobs are little-endian.");
        }
        return MemoryMarshal.AsBytes(vector).ToArray();
    }
}
