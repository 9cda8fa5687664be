namespace Identities.Gateway.Faces;

/// <summary>match = confidence >= the configured threshold; threshold and cosine are additions.</summary>
public sealed record FaceCompareResponse(bool Match, double Confidence, double Threshold, double Cosine);
