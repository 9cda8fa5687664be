namespace Identities.DetectionBenchmarks;

/// <summary>
/// A shared photo and its faces. <see cref="Regions"/> are parts of the photo whose faces were too many and too
/// small to judge one by one: a box centred there that matches no listed face is neither true nor false.
/// </summary>
internal sealed record PhotoTruth(string Set, string Name, string Path, IReadOnlyList<TruthBox> Faces, IReadOnlyList<TruthBox> Regions)
{
    /// <summary>A photo without people: every box on it is false.</summary>
    public bool NoPerson => Faces.Count == 0 && Regions.Count == 0;

    public int JudgedFaces => Faces.Count(f => !f.Ignore);
}
