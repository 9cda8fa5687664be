namespace Identities.StackBenchmarks;

/// <summary>How fast the gallery grew to a size.</summary>
internal sealed record GalleryRow(int GalleryFaces, double EnrollmentsPerSecond);
