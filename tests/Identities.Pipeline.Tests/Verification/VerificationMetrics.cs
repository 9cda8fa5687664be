namespace Identities.Pipeline.Tests.Verification;

/// <summary>ROC AUC and accuracy at a threshold over scored same/different pairs.</summary>
public static class VerificationMetrics
{
    /// <summary>Probability that a random same pair outscores a random different pair (ties count half).</summary>
    public static double RocAuc(IReadOnlyList<float> same, IReadOnlyList<float> different)
    {
        double wins = 0;
        foreach (var s in same)
        {
            foreach (var d in different)
            {
                wins += s > d ? 1 : s == d ? 0.5 : 0;
            }
        }
        return wins / ((double)same.Count * different.Count);
    }

    public static double Accuracy(IReadOnlyList<float> same, IReadOnlyList<float> different, float threshold)
    {
        var correct = same.Count(s => s >= threshold) + different.Count(d => d < threshold);
        return (double)correct / (same.Count + different.Count);
    }
}
