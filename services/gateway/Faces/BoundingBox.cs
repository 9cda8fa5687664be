namespace Identities.Gateway.Faces;

public sealed record BoundingBox(int X, int Y, int Width, int Height);
