using System.Numerics;
using System.Runtime.InteropServices;

namespace Identities.Registry.Storage;

/// <summary>Vectors as VADD/VSIM's FP32 argument and as stored in a face hash: little-endian float32 bytes.</summary>
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

    /// <summary>The floats of a stored blob, without copying.</summary>
    public static ReadOnlySpan<float> AsFloats(ReadOnlySpan<byte> blob) => MemoryMarshal.Cast<byte, float>(blob);

    /// <summary>Dot product (the cosine of unit vectors), SIMD; exact float32 as the re-ranking needs.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Vectors of {a.Length} and {b.Length} dimensions.", nameof(b));
        }
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }
        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total += a[i] * b[i];
        }
        return total;
    }
}
