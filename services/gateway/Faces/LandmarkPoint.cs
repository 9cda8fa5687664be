namespace Identities.Gateway.Faces;

public sealed record LandmarkPoint(float X, float Y);
