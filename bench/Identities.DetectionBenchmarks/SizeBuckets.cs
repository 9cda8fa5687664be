namespace Identities.DetectionBenchmarks;

/// <summary>The face-size buckets of the report, by the geometric mean of a box's sides in pixels.</summary>
internal static class SizeBuckets
{
    public static readonly string[] Names = ["< 24 px", "24-48 px", "48-96 px", "> 96 px"];

    public static int Of(float size) => size switch
    {
        < 24 => 0,
        < 48 => 1,
        < 96 => 2,
        _ => 3,
    };
}
