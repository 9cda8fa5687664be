using System.Numerics;
using System.Runtime.InteropServices;

namespace Identities.RegistryBenchmarks;

/// <summary>
/// Clustered, face-like unit vectors, FacesPerIdentity faces per identity, deterministic from the seed. Face i
/// belongs to identity i / 5 and depends only on (seed, i), so the first n faces of a larger gallery are the
/// n-face gallery. Two models (<see cref="DataModel"/>): isotropic (a random unit centre per identity plus
/// isotropic noise) and face (centre and within-person variation drawn from the anisotropic
/// <see cref="FaceSpace"/> calibrated on the real model's embeddings of the shared photos).
/// </summary>
internal sealed class FaceData
{
    public const int Dimension = 512;
    public const int FacesPerIdentity = 5;

    /// <summary>
    /// Per-component noise. Two faces of an identity then have cosine ≈ 1 / (1 + 512 σ²) ≈ 0.70 and a face
    /// has ≈ 0.84 to its centre; centres of different identities are near-orthogonal (|cos| ≈ 0.04).
    /// </summary>
    public const float NoiseSigma = 0.029f;

    /// <summary>Standard deviation of different-person cosines of the real model on the shared photos (1,690 pairs).</summary>
    public const double MeasuredDifferentPersonDeviation = 0.104;

    /// <summary>
    /// Face model: a face is centre + s × variation in the latent space, s uniform in [0.45, 0.85] per face (photo
    /// quality varies), so two faces of a person have cosine 1 / √((1 + s₁²)(1 + s₂²)) ≈ 0.70 on average, as the
    /// real model's same-person pairs (0.72).
    /// </summary>
    private const float MinVariation = 0.45f;
    private const float MaxVariation = 0.85f;

    private readonly float[] _centres;
    private readonly ulong _seed;
    private readonly FaceSpace? _space;

    private FaceData(int count, ulong seed, DataModel model)
    {
        Count = count;
        Model = model;
        _seed = seed;
        _space = model == DataModel.Face ? new FaceSpace(Dimension, MeasuredDifferentPersonDeviation, Mix(seed, 3, 0)) : null;
        Identities = (count + FacesPerIdentity - 1) / FacesPerIdentity;
        _centres = new float[(long)Identities * Dimension];
        Gallery = new float[(long)count * Dimension];
        Parallel.For(0, Identities, j =>
        {
            var centre = _centres.AsSpan(j * Dimension, Dimension);
            FillGaussian(centre, Mix(seed, 1, (ulong)j));
            if (_space is null)
            {
                Normalise(centre);
            }
            for (var k = 0; k < FacesPerIdentity; k++)
            {
                var i = (j * FacesPerIdentity) + k;
                if (i < count)
                {
                    MakeFace(centre, Gallery.AsSpan(i * Dimension, Dimension), Mix(seed, 2, (ulong)i));
                }
            }
        });
    }

    public int Count { get; }

    public DataModel Model { get; }

    /// <summary>The face model's power-law exponent (NaN for the isotropic model).</summary>
    public double SpectrumExponent => _space?.Exponent ?? double.NaN;

    public int Identities { get; }

    /// <summary>Count × Dimension floats, row i = face i.</summary>
    public float[] Gallery { get; }

    public static FaceData Generate(int count, ulong seed, DataModel model) => new(count, seed, model);

    public ReadOnlySpan<float> Face(int i) => Gallery.AsSpan(i * Dimension, Dimension);

    /// <summary>
    /// Queries for a gallery of the first galleryCount faces: each a new noisy sample of an enrolled identity.
    /// The stream tag keeps query sets of different gallery sizes apart.
    /// </summary>
    public QuerySet Queries(int galleryCount, int queryCount, int stream)
    {
        var identities = galleryCount / FacesPerIdentity;
        var vectors = new float[queryCount * Dimension];
        var identityOf = new int[queryCount];
        for (var q = 0; q < queryCount; q++)
        {
            var pick = Mix(_seed, (ulong)(100 + stream), (ulong)q);
            var identity = (int)(pick % (ulong)identities);
            identityOf[q] = identity;
            MakeFace(_centres.AsSpan(identity * Dimension, Dimension), vectors.AsSpan(q * Dimension, Dimension), Mix(_seed, (ulong)(200 + stream), (ulong)q));
        }
        return new QuerySet(vectors, identityOf, galleryCount);
    }

    /// <summary>
    /// Exact top-1 (largest cosine, all vectors are unit length) of each query among gallery rows [0, n),
    /// brute force in float32 on all cores. Returns the index and cosine of the best row.
    /// </summary>
    public (int[] Index, float[] Cosine) ExactTop1(QuerySet queries, int n)
    {
        const int Block = 8;
        var count = queries.Count;
        var best = new int[count];
        var bestScore = new float[count];
        var blocks = (count + Block - 1) / Block;
        Parallel.For(0, blocks, b =>
        {
            var first = b * Block;
            var size = Math.Min(Block, count - first);
            Span<float> top = stackalloc float[Block];
            Span<int> topIndex = stackalloc int[Block];
            Span<float> scores = stackalloc float[Block];
            top.Fill(float.NegativeInfinity);
            var q = queries.Vectors.AsSpan(first * Dimension, size * Dimension);
            for (var r = 0; r < n; r++)
            {
                var row = Gallery.AsSpan(r * Dimension, Dimension);
                Dot(row, q, size, scores);
                for (var k = 0; k < size; k++)
                {
                    if (scores[k] > top[k])
                    {
                        top[k] = scores[k];
                        topIndex[k] = r;
                    }
                }
            }
            for (var k = 0; k < size; k++)
            {
                best[first + k] = topIndex[k];
                bestScore[first + k] = top[k];
            }
        });
        return (best, bestScore);
    }

    /// <summary>
    /// Mean same-identity and different-identity cosine over a sample, the different-identity cosines' standard
    /// deviation, and the mean best other-identity cosine of a face, for the report.
    /// </summary>
    public CosineStatistics Statistics(int n)
    {
        var sample = Math.Min(n / FacesPerIdentity, 2000);
        double same = 0;
        double different = 0;
        double differentSquares = 0;
        for (var j = 0; j < sample; j++)
        {
            var a = j * FacesPerIdentity;
            same += Cosine(Face(a), Face(a + 1));
            var other = ((j + 1) % (n / FacesPerIdentity)) * FacesPerIdentity;
            var cosine = Cosine(Face(a), Face(other));
            different += cosine;
            differentSquares += cosine * cosine;
        }
        var differentMean = different / sample;
        var deviation = Math.Sqrt(Math.Max(0, (differentSquares / sample) - (differentMean * differentMean)));
        // Mean over 100 faces of the best cosine to any face of another identity, in the first min(n, 20000).
        var m = Math.Min(n, 20_000);
        double nearest = 0;
        const int Probes = 100;
        for (var p = 0; p < Probes; p++)
        {
            var i = (int)(Mix(_seed, 9, (ulong)p) % (ulong)m);
            var top = float.NegativeInfinity;
            for (var r = 0; r < m; r++)
            {
                if (r / FacesPerIdentity != i / FacesPerIdentity)
                {
                    top = Math.Max(top, Cosine(Face(i), Face(r)));
                }
            }
            nearest += top;
        }
        return new CosineStatistics(same / sample, differentMean, deviation, nearest / Probes);
    }

    private static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /// <summary>Dot products of one gallery row with up to 8 query rows (contiguous), SIMD.</summary>
    private static void Dot(ReadOnlySpan<float> row, ReadOnlySpan<float> queries, int size, Span<float> scores)
    {
        var rowVectors = MemoryMarshal.Cast<float, Vector<float>>(row);
        for (var k = 0; k < size; k++)
        {
            var query = MemoryMarshal.Cast<float, Vector<float>>(queries.Slice(k * Dimension, Dimension));
            var acc0 = Vector<float>.Zero;
            var acc1 = Vector<float>.Zero;
            for (var v = 0; v + 1 < rowVectors.Length; v += 2)
            {
                acc0 += rowVectors[v] * query[v];
                acc1 += rowVectors[v + 1] * query[v + 1];
            }
            scores[k] = Vector.Sum(acc0 + acc1);
        }
    }

    private void MakeFace(ReadOnlySpan<float> centre, Span<float> target, ulong seed)
    {
        if (_space is null)
        {
            MakeNoisy(centre, target, seed);
            return;
        }
        Span<float> latent = stackalloc float[Dimension];
        FillGaussian(latent, seed);
        var variation = MinVariation + ((MaxVariation - MinVariation) * (float)((Mix(seed, 4, 0) >> 11) * (1.0 / 9007199254740992.0)));
        for (var d = 0; d < Dimension; d++)
        {
            latent[d] = centre[d] + (variation * latent[d]);
        }
        _space.Project(latent, target);
        Normalise(target);
    }

    private static void MakeNoisy(ReadOnlySpan<float> centre, Span<float> target, ulong seed)
    {
        FillGaussian(target, seed);
        for (var d = 0; d < Dimension; d++)
        {
            target[d] = centre[d] + (NoiseSigma * target[d]);
        }
        Normalise(target);
    }

    private static void Normalise(Span<float> v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += x * (double)x;
        }
        var scale = (float)(1 / Math.Sqrt(sum));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] *= scale;
        }
    }

    /// <summary>Standard normal samples (Box-Muller over SplitMix64), deterministic from the seed.</summary>
    private static void FillGaussian(Span<float> target, ulong seed)
    {
        var state = seed;
        for (var i = 0; i < target.Length; i += 2)
        {
            var u1 = ((SplitMix(ref state) >> 11) + 1) * (1.0 / 9007199254740993.0); // (0, 1]
            var u2 = (SplitMix(ref state) >> 11) * (1.0 / 9007199254740992.0);
            var radius = Math.Sqrt(-2 * Math.Log(u1));
            var (sin, cos) = Math.SinCos(2 * Math.PI * u2);
            target[i] = (float)(radius * cos);
            if (i + 1 < target.Length)
            {
                target[i + 1] = (float)(radius * sin);
            }
        }
    }

    private static ulong Mix(ulong seed, ulong stream, ulong index)
    {
        var state = seed ^ (stream * 0x9E3779B97F4A7C15UL) ^ (index * 0xD1B54A32D192ED03UL);
        SplitMix(ref state);
        return SplitMix(ref state);
    }

    /// <summary>SplitMix64: the one pseudo-random step the data models share.</summary>
    internal static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Query vectors (row q = query q) and the identity each was drawn from.</summary>
internal sealed class QuerySet(float[] vectors, int[] identityOf, int galleryCount)
{
    public float[] Vectors { get; } = vectors;

    public int[] IdentityOf { get; } = identityOf;

    public int GalleryCount { get; } = galleryCount;

    public int Count => IdentityOf.Length;

    public float[] Vector(int q) => Vectors.AsSpan(q * FaceData.Dimension, FaceData.Dimension).ToArray();

}
