namespace Identities.Testing;

/// <summary>
/// The one percentile definition of tests and benchmarks, so their tables compare: nearest rank. The p-th percentile
/// of n values is the value at rank ceil(p/100 * n) in ascending order (rank 1 for p = 0): a value that was measured,
/// never an interpolation, and at least p percent of the values are at or below it. NaN without values.
/// </summary>
public static class Percentiles
{
    /// <summary>The <paramref name="percent"/>-th percentile (0..100) of values already sorted ascending.</summary>
    public static double OfSorted(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>The <paramref name="percent"/>-th percentile (0..100) of values in any order.</summary>
    public static double Of(IEnumerable<double> values, double percent) => OfSorted([.. values.Order()], percent);
}
