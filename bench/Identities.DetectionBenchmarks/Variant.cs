using System.Globalization;
using Identities.Detector;

namespace Identities.DetectionBenchmarks;

/// <summary>A named set of detector options the benchmark compares.</summary>
internal sealed record Variant(string Name, DetectorOptions Options)
{
    /// <summary>Before (no second look), the defaults, then each --variant.</summary>
    public static IReadOnlyList<Variant> All(IEnumerable<string> extra) =>
    [
        new("before: no second look", DetectorHarness.WithoutConfirmation()),
        new("now: defaults", DetectorHarness.Defaults()),
        .. extra.Select(Parse),
    ];

    /// <summary>"Name=Value,Name=Value" over the defaults.</summary>
    private static Variant Parse(string text)
    {
        var options = DetectorHarness.Defaults();
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var property = typeof(DetectorOptions).GetProperty(parts[0].Trim())
                ?? throw new ArgumentException($"DetectorOptions has no property {parts[0]}.");
            property.SetValue(options, Convert.ChangeType(parts[1].Trim(), property.PropertyType, CultureInfo.InvariantCulture));
        }
        return new Variant(text, options);
    }
}
