namespace Identities.MicroBenchmarks;

/// <summary>Marks a benchmark class that reads <see cref="SharedPhoto"/>; Program leaves it out when the photo is absent.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class NeedsSharedPhotoAttribute : Attribute;
