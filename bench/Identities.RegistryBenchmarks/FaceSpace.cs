namespace Identities.RegistryBenchmarks;

/// <summary>
/// The anisotropic space of the "face" data model: a power-law variance spectrum over the 512 dimensions, turned
/// by a random rotation so that no axis is special (Q8 and BIN quantize per axis). The exponent is chosen so that
/// the spectrum's participation ratio, (Σλ)² / Σλ², equals 1 / s², where s is the standard deviation of
/// different-person cosines measured on the shared photos with the real model (0.104, docs/REGISTRY.md): two
/// unrelated vectors then have cosines spread as real faces of different people do, instead of the isotropic
/// model's 1 / √512 = 0.044.
/// </summary>
internal sealed class FaceSpace
{
    private const int Rounds = 3;

    private readonly float[] _scale;
    private readonly float[][] _signs;

    public FaceSpace(int dimension, double differentPersonCosineDeviation, ulong seed)
    {
        if (dimension <= 0 || (dimension & (dimension - 1)) != 0)
        {
            throw new ArgumentException("The dimension must be a power of two (Walsh-Hadamard rotation).", nameof(dimension));
        }
        Dimension = dimension;
        TargetParticipation = 1 / (differentPersonCosineDeviation * differentPersonCosineDeviation);
        Exponent = SolveExponent(dimension, TargetParticipation);
        _scale = new float[dimension];
        for (var i = 0; i < dimension; i++)
        {
            _scale[i] = (float)Math.Pow(i + 1, -Exponent / 2);
        }
        var state = seed;
        _signs = new float[Rounds][];
        for (var r = 0; r < Rounds; r++)
        {
            _signs[r] = new float[dimension];
            for (var i = 0; i < dimension; i++)
            {
                _signs[r][i] = (FaceData.SplitMix(ref state) & 1) == 0 ? 1f : -1f;
            }
        }
    }

    public int Dimension { get; }

    /// <summary>The power-law exponent α of λ_i ∝ i^-α.</summary>
    public double Exponent { get; }

    public double TargetParticipation { get; }

    /// <summary>
    /// Maps a whitened latent vector (i.i.d. standard normal components) into the space: scale by √λ, then rotate
    /// by (H D)^3 (random signs D, Walsh-Hadamard H), an orthogonal transform that mixes every axis in O(d log d).
    /// </summary>
    public void Project(ReadOnlySpan<float> latent, Span<float> target)
    {
        for (var i = 0; i < Dimension; i++)
        {
            target[i] = latent[i] * _scale[i];
        }
        var norm = (float)(1 / Math.Sqrt(Dimension));
        foreach (var signs in _signs)
        {
            for (var i = 0; i < Dimension; i++)
            {
                target[i] *= signs[i];
            }
            Hadamard(target);
            for (var i = 0; i < Dimension; i++)
            {
                target[i] *= norm;
            }
        }
    }

    private static void Hadamard(Span<float> v)
    {
        for (var half = 1; half < v.Length; half <<= 1)
        {
            for (var start = 0; start < v.Length; start += half << 1)
            {
                for (var i = start; i < start + half; i++)
                {
                    var a = v[i];
                    var b = v[i + half];
                    v[i] = a + b;
                    v[i + half] = a - b;
                }
            }
        }
    }

    private static double SolveExponent(int dimension, double participation)
    {
        double low = 0;
        double high = 4;
        for (var step = 0; step < 60; step++)
        {
            var mid = (low + high) / 2;
            if (Participation(dimension, mid) > participation)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    private static double Participation(int dimension, double exponent)
    {
        double sum = 0;
        double squares = 0;
        for (var i = 1; i <= dimension; i++)
        {
            var lambda = Math.Pow(i, -exponent);
            sum += lambda;
            squares += lambda * lambda;
        }
        return sum * sum / squares;
    }
}
