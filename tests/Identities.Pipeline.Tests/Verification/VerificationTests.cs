using Identities.Pipeline.Tests.Support;
using Identities.Testing;
using Xunit.Abstractions;

namespace Identities.Pipeline.Tests.Verification;

/// <summary>Accuracy of detect + align + embed + cosine on the shared photos of known people.</summary>
public sealed class VerificationTests(PipelineFixture pipeline, ITestOutputHelper output) : IClassFixture<PipelineFixture>
{
    /// <summary>The documented default match threshold on cosine similarity (docs/ACCURACY.md).</summary>
    public const float DefaultThreshold = 0.40f;

    [SkippableFact]
    public async Task Verify_AllLabelledPairs_RocAucAtLeast0999AndAccuracyAtLeast99Percent()
    {
        SharedFaces.SkipIfMissing();
        var groups = IdentityGroups.FromPairs(SharedFaces.LabelledPairs());
        var same = new List<float>();
        var different = new List<float>();
        var worst = new List<(float Score, string A, string B, bool Same)>();
        foreach (var (a, b, isSame) in IdentityGroups.AllPairs(groups))
        {
            var score = Vectors.Cosine(await pipeline.PrimaryEmbeddingAsync(a), await pipeline.PrimaryEmbeddingAsync(b));
            (isSame ? same : different).Add(score);
            worst.Add((score, a, b, isSame));
        }

        var auc = VerificationMetrics.RocAuc(same, different);
        var accuracy = VerificationMetrics.Accuracy(same, different, DefaultThreshold);
        output.WriteLine($"photos {groups.Count}, people {groups.Values.Distinct().Count()}, same pairs {same.Count}, different pairs {different.Count}");
        output.WriteLine($"ROC AUC {auc:F5}; accuracy at {DefaultThreshold:F2}: {accuracy:P2}");
        output.WriteLine($"same: min {same.Min():F3} mean {same.Average():F3}; different: max {different.Max():F3} mean {different.Average():F3}");
        output.WriteLine($"standard deviation: same {StandardDeviation(same):F3}, different {StandardDeviation(different):F3}");
        foreach (var t in new[] { 0.30f, 0.35f, 0.40f, 0.45f, 0.50f })
        {
            output.WriteLine($"  threshold {t:F2}: accuracy {VerificationMetrics.Accuracy(same, different, t):P2}");
        }
        foreach (var w in worst.Where(w => w.Same ? w.Score < DefaultThreshold + 0.05f : w.Score > DefaultThreshold - 0.05f))
        {
            output.WriteLine($"  near/over threshold: {w.A} {w.B} same={w.Same} cos={w.Score:F3}");
        }

        Assert.True(auc >= 0.999, $"ROC AUC {auc:F5} < 0.999");
        Assert.True(accuracy >= 0.99, $"accuracy {accuracy:P2} < 99% at threshold {DefaultThreshold}");
    }

    private static double StandardDeviation(List<float> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
